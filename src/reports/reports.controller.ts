import { Controller, Get, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { ApiCsvAnswer, ApiReportAnswer } from '../common/api-answers.js';
import { AlaraReportService } from './alara/alara-report.service.js';
import { BadgeReportService } from './badges/badge-report.service.js';
import { DoseRecordsService } from './dose-records/dose-records.service.js';
import { AlaraQueryDto, AlaraReportDto } from './dto/alara.dto.js';
import { BadgeReportDto } from './dto/badge-report.dto.js';
import { AnnualRecordDto, AnnualRecordQueryDto, DoseHistoryDto } from './dto/dose-record.dto.js';
import { EuDoseHistoryDto, EuDoseRecordDto } from './dto/eu-dose-record.dto.js';
import { ReadingsExportQueryDto } from './dto/readings-export.dto.js';
import { ReadingsExportService } from './export/readings-export.service.js';
import { inFormat, ReportFormatQueryDto } from './report-format.js';
import type { Caller } from '../audit/caller.js';
import { assertMayReadPerson } from '../people/person-access.js';

/**
 * Official dose records and the RSO's reports (README.md, Reports), each as JSON, CSV or PDF by
 * `?format=` (JSON unless given). RSO only, except that a technician may fetch their own
 * annual record and history (DESIGN.md §7).
 */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv', 'application/pdf')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly records: DoseRecordsService,
    private readonly alara: AlaraReportService,
    private readonly badges: BadgeReportService,
    private readonly readings: ReadingsExportService,
  ) {}

  @Roles('rso', 'technician')
  @Get('people/:id/dose-record')
  @ApiReportAnswer(AnnualRecordDto)
  async annualRecord(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AnnualRecordQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AnnualRecordDto | EuDoseRecordDto | StreamableFile> {
    assertMayReadPerson(caller, id);
    return inFormat(await this.records.annualRecord(id, query.year), query.format);
  }

  @Roles('rso', 'technician')
  @Get('people/:id/dose-history')
  @ApiReportAnswer(DoseHistoryDto)
  async history(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ReportFormatQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DoseHistoryDto | EuDoseHistoryDto | StreamableFile> {
    assertMayReadPerson(caller, id);
    return inFormat(await this.records.history(id), query.format);
  }

  @Roles('rso')
  @Get('alara')
  @ApiReportAnswer(AlaraReportDto)
  async alaraQuarter(@Query() query: AlaraQueryDto): Promise<AlaraReportDto | StreamableFile> {
    return inFormat(await this.alara.report(query.quarter), query.format);
  }

  @Roles('rso')
  @Get('badges')
  @ApiReportAnswer(BadgeReportDto)
  async badgeReport(
    @Query() query: ReportFormatQueryDto,
  ): Promise<BadgeReportDto | StreamableFile> {
    return inFormat(await this.badges.report(), query.format);
  }

  /** CSV streamed as it is read: a year of a large hospital never sits in memory. */
  @Roles('rso')
  @Get('readings/export')
  @ApiProduces('text/csv')
  @ApiCsvAnswer()
  exportReadings(@Query() query: ReadingsExportQueryDto, @Res() response: Response): Promise<void> {
    return this.readings.export(query, response);
  }
}
