import { Module } from '@nestjs/common';
import { AlaraReportService } from './alara/alara-report.service.js';
import { BadgeReportService } from './badges/badge-report.service.js';
import { DoseRecordsService } from './dose-records/dose-records.service.js';
import { ReadingsExportService } from './export/readings-export.service.js';
import { ReportsController } from './reports.controller.js';

@Module({
  controllers: [ReportsController],
  providers: [DoseRecordsService, AlaraReportService, BadgeReportService, ReadingsExportService],
})
export class ReportsModule {}
