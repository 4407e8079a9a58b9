import { Module } from '@nestjs/common';
import { AttributionService } from './attribution.service.js';
import { ReadingIngestService } from './reading-ingest.service.js';
import { ReadingListService } from './reading-list.service.js';
import { ReadingsController } from './readings.controller.js';

@Module({
  controllers: [ReadingsController],
  providers: [ReadingIngestService, AttributionService, ReadingListService],
  exports: [ReadingIngestService, AttributionService],
})
export class ReadingsModule {}
