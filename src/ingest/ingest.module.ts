import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReadingsModule } from '../readings/readings.module.js';
import { IngestConsumer } from './ingest-consumer.service.js';
import { IngestMetrics } from './ingest.metrics.js';
import { IngestService } from './ingest.service.js';
import { RejectedMessage } from './rejected-message.entity.js';
import { RejectedController } from './rejected.controller.js';

@Module({
  imports: [ReadingsModule, TypeOrmModule.forFeature([RejectedMessage])],
  controllers: [RejectedController],
  providers: [IngestService, IngestConsumer, IngestMetrics],
  // The DICOM listener commits its reports' events through the same transaction.
  exports: [IngestService],
})
export class IngestModule {}
