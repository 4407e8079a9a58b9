import { Controller, Get, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { HEALTH_REPORT_SCHEMA, LIVE_SCHEMA } from './health-report.schema.js';
import { HealthService, type HealthReport } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * Readiness and liveness in one answer: 503 while the database or broker is out of reach, and
   * from the moment a shutdown starts.
   */
  @Public()
  @Get()
  @ApiResponse({ status: 200, description: 'Ready.', schema: HEALTH_REPORT_SCHEMA })
  @ApiResponse({ status: 503, description: 'Not ready.', schema: HEALTH_REPORT_SCHEMA })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.report();
    response.status(report.ready ? 200 : 503);
    return report;
  }

  /** Liveness only: the process answers. For orchestrators that restart on failure. */
  @Public()
  @Get('live')
  @ApiResponse({ status: 200, description: 'Alive.', schema: LIVE_SCHEMA })
  live(): { live: true } {
    return { live: true };
  }
}
