import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { dayInZone } from '../calendar/facility-day.js';
import { AppConfig } from '../config/app-config.js';
import { DosesChangedEvent } from '../people/doses-changed.js';
import { AlertMetrics } from './alert.metrics.js';
import { AlertPublisher } from './alert-publisher.service.js';
import { resolveByKeysStatements, upsertAlerts } from './alert-store.js';
import { pipelined } from '../database/pipelined.js';
import { SCHEDULE_INTERVAL_MS, SCHEDULE_LOCK_NAMESPACE } from '../limits/alert-thresholds.js';
import { badgeSilentAlerts } from './rules/badge-silent.js';
import { calibrationDueAlerts } from './rules/calibration-due.js';
import { monitoringGapAlerts } from './rules/monitoring-gap.js';
import { seqGapAlerts } from './rules/seq-gap.js';
import {
  loadCalibrationsDue,
  loadKnownGaps,
  loadSilentBadges,
  loadWornNow,
  monitoringGapClearings,
  resolveCalibrated,
  resolveFilledGaps,
  resolveSilentBadges,
  takeDueGapCandidates,
} from './scheduled-rules.js';

/** Standings re-evaluated per scheduled run once their day has passed (a run every 30 s). */
const STANDINGS_PER_RUN = 2000;

/** The @Interval's name: tests stop it (SchedulerRegistry) and call runOnce() themselves. */
export const ALERT_SCHEDULE = 'alert-schedule';

export interface ScheduleRun {
  /** False when another replica held the schedule lock. */
  ran: boolean;
  raised: number;
  resolved: number;
  /** Alerts published that an earlier process left unsent. */
  swept: number;
}

/**
 * The time-driven rules (badgeSilent, seqGap, calibrationDue, monitoringGap), every
 * SCHEDULE_INTERVAL_MS.
 * With several replicas exactly one evaluates at a time: the run's transaction first takes a
 * transaction-scoped advisory lock and skips the run if another holds it. Its alerts go out
 * after the commit, as those of readings do.
 */
@Injectable()
export class AlertScheduler {
  private readonly logger = new Logger(AlertScheduler.name);
  private running = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly publisher: AlertPublisher,
    private readonly metrics: AlertMetrics,
    private readonly events: EventEmitter2,
  ) {}

  @Interval(ALERT_SCHEDULE, SCHEDULE_INTERVAL_MS)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.runOnce();
    } catch (error) {
      this.metrics.failures.inc({ stage: 'schedule' });
      this.logger.error(`Scheduled alert evaluation failed: ${String(error)}`);
    } finally {
      this.running = false;
    }
  }

  /** One run of the time-driven rules as of `now`. */
  async runOnce(now = new Date()): Promise<ScheduleRun> {
    const today = dayInZone(now, this.config.facilityTz);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock($1::int, 0) AS locked`,
        [SCHEDULE_LOCK_NAMESPACE],
      );
      if (!locked) return undefined;
      const gaps = monitoringGapAlerts(await loadWornNow(manager, now));
      const closed = await monitoringGapClearings(manager, gaps);
      const [closedGaps] = await pipelined(manager, resolveByKeysStatements(closed));
      const resolved = [
        ...(await resolveSilentBadges(manager, now, null)),
        ...(await resolveFilledGaps(manager)),
        ...(await resolveCalibrated(manager)),
        ...(closedGaps?.rows.map((row) => row.id as string) ?? []),
      ];
      const quietBefore = new Date(now.getTime() - this.config.badgeSilentAfterMs);
      const candidates = [
        ...badgeSilentAlerts(
          await loadSilentBadges(manager, now, quietBefore),
          now,
          this.config.badgeSilentAfterMs,
        ),
        ...seqGapAlerts(
          await takeDueGapCandidates(manager, now, this.config.seqGapAlertAfterMs),
          await loadKnownGaps(manager),
          now,
          this.config.seqGapAlertAfterMs,
        ),
        ...calibrationDueAlerts(await loadCalibrationsDue(manager, now, today), today),
        ...gaps,
      ];
      // Standings taken on an earlier day: rolling windows slid, the year may have turned.
      const stale = await manager.query<{ person_id: string }[]>(
        `SELECT person_id FROM person_standing WHERE as_of_day < $1 ORDER BY as_of_day LIMIT $2`,
        [today, STANDINGS_PER_RUN],
      );
      return {
        ids: await upsertAlerts(manager, candidates),
        resolved,
        stale: stale.map((row) => row.person_id),
      };
    });
    if (!outcome) return { ran: false, raised: 0, resolved: 0, swept: 0 };
    if (outcome.stale.length > 0) {
      this.events.emit(DosesChangedEvent.eventName, new DosesChangedEvent(outcome.stale));
    }
    await this.publisher.publish(outcome.ids);
    await this.publisher.publishResolutions(outcome.resolved);
    // What another process committed but did not send: raises, then resolutions.
    const swept =
      (await this.publisher.publishUnpublished()) + (await this.publisher.publishResolutions());
    return { ran: true, raised: outcome.ids.length, resolved: outcome.resolved.length, swept };
  }
}
