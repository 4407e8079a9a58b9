import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { dayInZone } from '../calendar/facility-day.js';
import { AppConfig } from '../config/app-config.js';
import { monthStart } from '../calendar/days.js';
import { closePeriods, sqlOf } from './period-closing.js';

/** How often the closer looks whether a facility month has ended. */
const CLOSE_CHECK_INTERVAL_MS = 60 * 60_000;

/**
 * Closes each facility-time-zone calendar month, and each year, once it has ended
 * (closed-periods.ts): at start, which also closes every past month and year of a database
 * that has none closed yet, and then hourly. Replicas may all try: the closing's lock
 * serialises them and the second finds it done.
 */
@Injectable()
export class PeriodCloser implements OnApplicationBootstrap {
  private readonly logger = new Logger(PeriodCloser.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.closeEndedPeriods();
  }

  @Interval('period-close', CLOSE_CHECK_INTERVAL_MS)
  async tick(): Promise<void> {
    try {
      await this.closeEndedPeriods();
    } catch (error) {
      this.logger.error(`Closing the ended month failed: ${String(error)}`);
    }
  }

  async closeEndedPeriods(now = new Date()): Promise<void> {
    const lastEnded = monthStart(dayInZone(now, this.config.facilityTz), -1);
    const closed = await this.dataSource.transaction((manager) =>
      closePeriods(sqlOf(manager), lastEnded),
    );
    if (closed)
      this.logger.log(`Dose totals of the months through ${lastEnded.slice(0, 7)} are closed`);
  }
}
