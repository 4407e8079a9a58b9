import { Module } from '@nestjs/common';
import { AttributionService } from './attribution.service.js';
import { ReadingIngestService } from './reading-ingest.service.js';

@Module({
  providers: [ReadingIngestService, AttributionService],
  exports: [ReadingIngestService, AttributionService],
})
export class ReadingsModule {}
