import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
import { DicomListener } from './dicom-listener.service.js';
import { DoseReportIngestService } from './dose-report-ingest.service.js';

/** DICOM dose reports from modalities (DESIGN.md §3.5): a Storage SCP feeding patient events. */
@Module({
  imports: [IngestModule],
  providers: [DicomListener, DoseReportIngestService],
})
export class DicomModule {}
