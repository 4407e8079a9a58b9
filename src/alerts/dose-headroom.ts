import { daysLeftInYear } from '../calendar/periods.js';
import { PROJECTION_WINDOW_DAYS } from '../calendar/projection.js';
import {
  CLASSIFICATION_DOSES,
  DOSE_LIMIT_LEVELS,
  type FractionLevel,
} from '../limits/alert-thresholds.js';
import { quarterOfDay } from '../calendar/periods.js';
import { NO_DOSE, yearDose, type PersonDose, type QuantitySums } from './rules/person-dose.js';
import type { ApplicableLimit } from '../limits/applicable-limits.js';
import { watchesClassification } from './rules/classification.js';

/**
 * How long a person's headroom stands in for their evaluation. Whoever had an increase
 * absorbed is evaluated when it ends, dose or no dose (DoseHeadroom.expired): their standing
 * (the dashboard) and their open alerts' values lag by at most this, and a dose another
 * replica counted at the same time, which this one's headroom does not see, reaches the rules
 * within it.
 */
export const HEADROOM_LIFETIME_MS = 5_000;

/**
 * Per quantity, the least further dose that could change the level of any of the person's
 * dose rules (doseLimit, alaraQuarter, projected, classification) this quarter: below it, evaluating them
 * again gives the same alerts. A quantity is absent where no further dose can change a level
 * (no limit, or every level reached). Each rule's sums grow by at most the dose added to the
 * quantity, as long as that dose falls in today's quarter.
 */
export function headroomOf(person: PersonDose): Map<string, bigint> {
  const year = person.today.slice(0, 4);
  const quarter = quarterOfDay(person.today);
  const daysLeft = BigInt(daysLeftInYear(person.today));
  const headroom = new Map<string, bigint>();
  const tighten = (quantity: string, nsv: bigint | undefined) => {
    const known = headroom.get(quantity);
    if (nsv !== undefined && (known === undefined || nsv < known)) headroom.set(quantity, nsv);
  };
  for (const limit of person.limits) {
    const sums = person.sums.get(limit.quantity) ?? NO_DOSE;
    const { quantity, limitNsv } = limit;
    if (limit.period === 'year') {
      const yearNsv = yearDose(sums, year);
      tighten(quantity, toNextLevel(yearNsv, limitNsv, DOSE_LIMIT_LEVELS));
      tighten(quantity, toProjectedLimit(yearNsv, sums.recent, daysLeft, limitNsv));
    } else {
      const value = limit.period === '5years' ? sums.rolling5Years : sums.pregnancy;
      tighten(quantity, toNextLevel(value, limitNsv, DOSE_LIMIT_LEVELS));
      tighten(quantity, toMonthlyGuidance(limit, sums, person.today));
    }
  }
  for (const { quantity, levelINsv, levelIINsv } of person.alaraLevels) {
    const quarterNsv = (person.sums.get(quantity) ?? NO_DOSE).quarters.get(quarter) ?? 0n;
    // alaraQuarter: the nearest investigation level not yet reached this quarter.
    const next = [levelINsv, levelIINsv].find((levelNsv) => levelNsv > quarterNsv);
    tighten(quantity, next === undefined ? undefined : next - quarterNsv);
  }
  if (watchesClassification(person))
    for (const [quantity, levelNsv] of CLASSIFICATION_DOSES) {
      const yearNsv = yearDose(person.sums.get(quantity) ?? NO_DOSE, year);
      if (yearNsv < levelNsv) tighten(quantity, levelNsv - yearNsv);
    }
  return headroom;
}

/**
 * Dose that takes this month's fetal dose ABOVE the monthly guidance (fetal-monthly.ts);
 * undefined without the guidance, or once this month is above it.
 */
function toMonthlyGuidance(
  limit: ApplicableLimit,
  sums: QuantitySums,
  today: string,
): bigint | undefined {
  const monthlyNsv = limit.pregnancy?.monthlyNsv;
  if (monthlyNsv === null || monthlyNsv === undefined) return undefined;
  const month = sums.pregnancyMonths.get(today.slice(0, 7));
  if (month === undefined) return 0n; // not evaluated: any dose must be
  return month > monthlyNsv ? undefined : monthlyNsv - month + 1n;
}

/**
 * Dose to the next level not yet reached (levelAtFraction: reached at value × 100 ≥ limit ×
 * percent, so at the value ⌈limit × percent / 100⌉); undefined when all are reached.
 */
function toNextLevel(
  valueNsv: bigint,
  limitNsv: bigint,
  levels: readonly FractionLevel[],
): bigint | undefined {
  if (limitNsv <= 0n) return undefined;
  let nearest: bigint | undefined;
  for (const { percent } of levels) {
    const threshold = (limitNsv * percent + 99n) / 100n;
    if (threshold > valueNsv && (nearest === undefined || threshold - valueNsv < nearest))
      nearest = threshold - valueNsv;
  }
  return nearest;
}

/**
 * Dose that could bring the year-end projection (projectYearEnd: year + ⌊recent × daysLeft ÷
 * W⌋) to the limit; undefined when it is there already (the alert has one level). Δ more in
 * both sums projects at most year + Δ + (recent + Δ) × daysLeft ÷ W, which stays below the
 * limit while Δ × (W + daysLeft) < W × (limit − year) − recent × daysLeft.
 */
function toProjectedLimit(
  yearNsv: bigint,
  recentNsv: bigint,
  daysLeft: bigint,
  limitNsv: bigint,
): bigint | undefined {
  const window = BigInt(PROJECTION_WINDOW_DAYS);
  if (yearNsv + (recentNsv * daysLeft) / window >= limitNsv) return undefined;
  const room = window * (limitNsv - yearNsv) - recentNsv * daysLeft;
  if (room <= 0n) return 0n;
  return (room + window + daysLeft - 1n) / (window + daysLeft);
}

interface Known {
  today: string;
  until: number;
  left: Map<string, bigint>;
  /** Whether an increase was absorbed: then the person is evaluated when `until` comes. */
  absorbed: boolean;
}

/**
 * The headroom of people evaluated recently, so that an increase that cannot change any dose
 * rule's level skips their evaluation: at full ingest rate every wearer's dose rises between
 * two evaluations, and the dose rules summed and ranked all of them each time, a large share
 * of Postgres's time that grows with the wearers and their history (bench/README.md, "Dose
 * headroom"). In memory, per replica: what another replica counts is seen within the
 * lifetime.
 */
export class DoseHeadroom {
  private readonly known = new Map<string, Known>();
  /**
   * Everyone evaluated since this replica started: whoever is not among them has had no
   * headroom taken, and their first increase may reach any level. It keeps only their ids,
   * small beside the service's heap even with many wearers (bench/README.md, "Dose
   * headroom").
   */
  private readonly everEvaluated = new Set<string>();

  /** After an evaluation of the person committed. */
  record(person: PersonDose, now: number): void {
    this.everEvaluated.add(person.personId);
    this.known.set(person.personId, {
      today: person.today,
      until: now + HEADROOM_LIFETIME_MS,
      left: headroomOf(person),
      absorbed: false,
    });
  }

  /**
   * Drops the headroom that has outlived its lifetime, and returns those of its people who
   * had an increase absorbed, with the day it was recorded on: they are to be evaluated now.
   */
  expired(now: number): { personId: string; day: string }[] {
    const due: { personId: string; day: string }[] = [];
    for (const [personId, known] of this.known) {
      if (now < known.until) continue;
      this.known.delete(personId);
      if (known.absorbed) due.push({ personId, day: known.today });
    }
    return due;
  }

  /** People whose dose or limits changed outside ingestion: evaluated next time. */
  forget(personIds: Iterable<string>): void {
    for (const personId of personIds) this.known.delete(personId);
  }

  /**
   * Whether the person's increases (nSv per quantity, on days of `quarters`) leave every dose
   * rule's level as it was: then they are taken off the headroom and the evaluation skipped.
   */
  absorbs(
    personId: string,
    quarters: ReadonlySet<string>,
    increases: ReadonlyMap<string, bigint> | undefined,
    today: string,
    now: number,
  ): boolean {
    const known = this.standing(personId, today, now);
    if (!known || !increases || !fits(known, quarters, increases, today)) return false;
    for (const [quantity, nsv] of increases) {
      const left = known.left.get(quantity);
      if (left !== undefined) known.left.set(quantity, left - nsv);
    }
    known.absorbed = true;
    return true;
  }

  /**
   * Whether these increases (as for `absorbs`) may change a level of a person never evaluated
   * here, or of one whose headroom stands and does not hold them: their evaluation is due
   * now, and may raise an alert. A headroom that has outlived its lifetime says nothing.
   */
  reaches(
    personId: string,
    quarters: ReadonlySet<string>,
    increases: ReadonlyMap<string, bigint> | undefined,
    today: string,
    now: number,
  ): boolean {
    if (increases === undefined) return false;
    if (!this.everEvaluated.has(personId)) return true;
    const known = this.standing(personId, today, now);
    return known !== undefined && !fits(known, quarters, increases, today);
  }

  /** The person's headroom while it stands for today's evaluation. */
  private standing(personId: string, today: string, now: number): Known | undefined {
    const known = this.known.get(personId);
    return known && known.today === today && now < known.until ? known : undefined;
  }
}

/** Whether increases on days of `quarters` stay below the headroom left, in today's quarter. */
function fits(
  known: Known,
  quarters: ReadonlySet<string>,
  increases: ReadonlyMap<string, bigint>,
  today: string,
): boolean {
  const todaysQuarter = quarterOfDay(today);
  for (const quarter of quarters) if (quarter !== todaysQuarter) return false;
  for (const [quantity, nsv] of increases) {
    const left = known.left.get(quantity);
    if (left !== undefined && nsv >= left) return false;
  }
  return true;
}
