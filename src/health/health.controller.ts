import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
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
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.report();
    response.status(report.ready ? 200 : 503);
    return report;
  }

  /** Liveness only: the process answers. For orchestrators that restart on failure. */
  @Public()
  @Get('live')
  live(): { live: true } {
    return { live: true };
  }
}
