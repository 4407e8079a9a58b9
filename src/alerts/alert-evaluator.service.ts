import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DosesChangedEvent } from '../people/doses-changed.js';
import { dayInZone } from '../calendar/facility-day.js';
import { groupBy } from '../common/group-by.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { storeStandings } from './standings.js';
import { isTransientDatabaseError } from '../database/transient-error.js';
import { ReadingsCommittedEvent } from '../readings/readings-committed.event.js';
import { AlertMetrics } from './alert.metrics.js';
import { AlertPublisher } from './alert-publisher.service.js';
import { resolveByKeysStatements, upsertStatements, type ClaimedAlert } from './alert-store.js';
import { recedingStatements } from './receding-alerts.js';
import { doseRuleKeys } from './rules/dose-rule-keys.js';
import { pipelined } from '../database/pipelined.js';
import { AlertWork, CoalescingQueue } from './alert-work.js';
import { patientAlerts } from './patient-rules.js';
import { ExposuresCommittedEvent } from '../patients/exposures-committed.event.js';
import { DoseHeadroom } from './dose-headroom.js';
import { doseAlerts, episodeAlerts } from './reading-rules.js';
import { badgeResetAlerts } from './rules/badge-reset.js';
import { isAlertingRate } from '../limits/alert-thresholds.js';
import { resolveSilentStatements } from './scheduled-rules.js';

const ATTEMPTS = 3;
/**
 * Back-to-back dose evaluations start at least this far apart. Each one sums and ranks
 * everyone whose dose went up; run back to back at full ingest rate they took a large share
 * of Postgres's time. Work merges while it waits. An increase that may reach someone's next
 * level (their headroom, or anyone's first since this replica started) does not wait: the
 * interval would delay its doseLimit alert. The dose-rate and battery rules never wait
 * (bench/README.md, "Dose queue: interval and hurry").
 */
const DOSE_EVALUATION_INTERVAL_MS = 300;
const SHUTDOWN_WAIT_MS = 10_000;

/**
 * Evaluates the reading-driven rules right after each ingestion commit (DESIGN.md §6) and
 * publishes what they raise. The event handler only merges the batch into the queue's pending
 * work and returns: it never blocks, slows or fails the ingestion acknowledgements. One
 * evaluation per queue runs at a time; batches committed meanwhile are evaluated together next, with a
 * fixed number of statements whatever their size. Failures are logged, never thrown.
 */
@Injectable()
export class AlertEvaluator implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AlertEvaluator.name);
  /**
   * Two queues: badge facts (dose rate, battery, reset) are cheap and urgent — a dangerous
   * rate must not wait behind the dose rules, whose sums for every person with new dose take
   * longer under load.
   */
  private readonly badgeQueue: CoalescingQueue<AlertWork>;
  /**
   * The badge facts of batches with an alerting dose rate (the ingestion's urgent lane): a
   * queue of their own, so they do not wait behind an evaluation of everyone's facts.
   */
  private readonly urgentQueue: CoalescingQueue<AlertWork>;
  private readonly doseQueue: CoalescingQueue<AlertWork>;
  private readonly headroom = new DoseHeadroom();
  /** Evaluates, when their headroom's lifetime ends, the people it let skip an increase. */
  private readonly headroomSweep = setInterval(() => this.evaluateExpiredHeadroom(), 1_000).unref();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly publisher: AlertPublisher,
    private readonly metrics: AlertMetrics,
  ) {
    const queue = (minIntervalMs: number) =>
      new CoalescingQueue(
        () => new AlertWork(),
        (work: AlertWork) => this.process(work),
        (error, work: AlertWork) => this.failed('evaluate', work, error),
        minIntervalMs,
      );
    this.badgeQueue = queue(0);
    this.urgentQueue = queue(0);
    this.doseQueue = queue(DOSE_EVALUATION_INTERVAL_MS);
  }

  @OnEvent(ReadingsCommittedEvent.eventName)
  onReadingsCommitted(event: ReadingsCommittedEvent): void {
    try {
      const urgent = event.readings.some((reading) => isAlertingRate(reading.doseRateNsvH));
      (urgent ? this.urgentQueue : this.badgeQueue).add((work) => work.addBadgeFacts(event));
      let reached = false;
      this.doseQueue.add((work) => {
        reached = this.mayReachLevel(work, work.addDoses(event, this.config.facilityTz));
      });
      if (reached) this.doseQueue.hurry();
    } catch (error) {
      this.metrics.failures.inc({ stage: 'enqueue' });
      this.logger.error(`Alert evaluation not queued: ${String(error)}`);
    }
  }

  @OnEvent(ExposuresCommittedEvent.eventName)
  onExposuresCommitted(event: ExposuresCommittedEvent): void {
    this.doseQueue.add((work) => work.addPatients(event));
  }

  @OnEvent(DosesChangedEvent.eventName)
  onDosesChanged(event: DosesChangedEvent): void {
    this.headroom.forget(event.personIds);
    const today = dayInZone(new Date(), this.config.facilityTz);
    this.doseQueue.add((work) => {
      work.addPeople(event.personIds, today);
      for (const [personId, days] of event.days)
        for (const day of days) work.addPeople([personId], day);
    });
  }

  /** Resolves when every batch committed so far has been evaluated and published. */
  idle(): Promise<void> {
    return Promise.all(
      [this.badgeQueue, this.urgentQueue, this.doseQueue].map((q) => q.idle()),
    ).then(() => undefined);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.headroomSweep);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SHUTDOWN_WAIT_MS);
    });
    await Promise.race([this.idle(), timeout]);
    clearTimeout(timer);
  }

  /**
   * Raises, escalates and clears what the work's readings call for; returns the alerts to
   * publish: the ids raised or escalated (claimed before sending), and the alerts resolved or
   * lowered because a forced person's dose went down (sent as they are).
   */
  async evaluate(
    work: AlertWork,
    now = new Date(),
  ): Promise<{ ids: string[]; resolved: string[]; receded: ClaimedAlert[] }> {
    const today = dayInZone(now, this.config.facilityTz);
    // People whose increases cannot change a dose rule's level since their last evaluation
    // (dose-headroom.ts) are left out: their alerts stay as they are.
    const due = new Map(
      [...work.people].filter(
        ([personId, quarters]) =>
          work.forced.has(personId) ||
          !this.headroom.absorbs(
            personId,
            quarters,
            work.increases.get(personId),
            today,
            now.getTime(),
          ),
      ),
    );
    this.metrics.headroomSkips.inc(work.people.size - due.size);
    const { ids, resolved, receded, evaluated } = await this.dataSource.transaction(
      async (manager) => {
        const episodes = await episodeAlerts(manager, work.readings);
        const dose = await doseAlerts(manager, due, now, this.config.facilityTz);
        await storeStandings(manager, [...due.keys()], dose.standings);
        // Patients' worn dosimeters count too: anyone whose dose went up may be a patient.
        const patients = await patientAlerts(
          manager,
          [...new Set([...work.patients, ...work.people.keys()])],
          this.config.facilityTz,
        );
        const candidates = [
          ...episodes.raises,
          ...badgeResetAlerts(work.readings),
          ...dose.candidates,
          ...patients,
        ];
        // Only people whose dose changed outside ingestion can have gone down.
        const judged = dose.evaluated
          .filter((person) => work.forced.has(person.personId))
          .flatMap(doseRuleKeys);
        // The writes in one round trip (pipelined.ts); the first one's rows are the ids, the
        // resolving ones' the ids they resolved, the receding ones' (last) the alerts they
        // resolved or lowered.
        const upsert = upsertStatements(candidates);
        const resolve = [
          ...resolveByKeysStatements(episodes.clears),
          ...resolveSilentStatements(now, [...work.seenSerials]),
        ];
        const recede = recedingStatements(judged, dose.candidates);
        const results = await pipelined(manager, [...upsert, ...resolve, ...recede]);
        const idsOf = (from: number, count: number) =>
          results.slice(from, from + count).flatMap((r) => r.rows.map((row) => row.id as string));
        return {
          ids: idsOf(0, upsert.length),
          resolved: idsOf(upsert.length, resolve.length),
          receded: results
            .slice(results.length - recede.length)
            .flatMap((result) => result.rows as unknown as ClaimedAlert[]),
          evaluated: dose.evaluated,
        };
      },
    );
    for (const person of evaluated) this.headroom.record(person, now.getTime());
    return { ids, resolved, receded };
  }

  /**
   * Whether one of `people`, whose dose an event raised, may now reach a new level with
   * everything pending for them in `work` (DoseHeadroom.reaches): their evaluation does not
   * wait for the dose queue's interval (DESIGN.md §6: a second from reading to alert).
   */
  private mayReachLevel(work: AlertWork, people: ReadonlySet<string>): boolean {
    const today = dayInZone(new Date(), this.config.facilityTz);
    const now = Date.now();
    for (const personId of people) {
      const quarters = work.people.get(personId) ?? new Set<string>();
      if (this.headroom.reaches(personId, quarters, work.increases.get(personId), today, now))
        return true;
    }
    return false;
  }

  private evaluateExpiredHeadroom(): void {
    const due = this.headroom.expired(Date.now());
    if (due.length === 0) return;
    this.doseQueue.add((work) => {
      for (const [day, people] of groupBy(due, ({ day }) => day))
        work.addPeople(
          people.map(({ personId }) => personId),
          day,
        );
    });
  }

  private async process(work: AlertWork): Promise<void> {
    const stopTimer = this.metrics.evaluationSeconds.startTimer();
    let outcome: Awaited<ReturnType<AlertEvaluator['evaluate']>> | undefined;
    for (let attempt = 1; !outcome; attempt++) {
      try {
        outcome = await this.evaluate(work);
      } catch (error) {
        if (attempt >= ATTEMPTS || !isTransientDatabaseError(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
    stopTimer();
    try {
      this.publisher.send(outcome.receded);
      await this.publisher.publish(outcome.ids, work.receivedAt);
      await this.publisher.publishResolutions(outcome.resolved);
    } catch (error) {
      // Raised or resolved but unclaimed: the schedule's sweep publishes it.
      this.failed('publish', work, error);
    }
  }

  private failed(stage: string, work: AlertWork, error: unknown): void {
    this.metrics.failures.inc({ stage });
    this.logger.error(`Alerts (${stage}) for ${work.describe()} failed: ${String(error)}`);
  }
}
