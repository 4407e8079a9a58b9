import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { dayInZone } from '../common/facility-time.js';
import { AppConfig } from '../config/app-config.js';
import { closeYears, sqlOf } from './closed-years.js';

/** How often the closer looks whether a facility year has ended. */
const CLOSE_CHECK_INTERVAL_MS = 60 * 60_000;

/**
 * Closes each facility-time-zone calendar year once it has ended (closed-years.ts): at start,
 * which also closes every past year of a database that has none closed yet, and then hourly.
 * Replicas may all try: the closing's lock serialises them and the second finds it done.
 */
@Injectable()
export class YearCloser implements OnApplicationBootstrap {
  private readonly logger = new Logger(YearCloser.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.closeEndedYears();
  }

  @Interval('year-close', CLOSE_CHECK_INTERVAL_MS)
  async tick(): Promise<void> {
    try {
      await this.closeEndedYears();
    } catch (error) {
      this.logger.error(`Closing the ended year failed: ${String(error)}`);
    }
  }

  async closeEndedYears(now = new Date()): Promise<void> {
    const lastEnded = Number(dayInZone(now, this.config.facilityTz).slice(0, 4)) - 1;
    const closed = await this.dataSource.transaction((manager) =>
      closeYears(sqlOf(manager), lastEnded),
    );
    if (closed) this.logger.log(`Dose totals of the years through ${lastEnded} are closed`);
  }
}
