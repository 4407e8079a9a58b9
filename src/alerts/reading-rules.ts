import type { EntityManager } from 'typeorm';
import { dayInZone } from '../calendar/facility-day.js';
import { groupBy } from '../common/group-by.js';
import { LAST_DAY, yearOf } from '../calendar/days.js';
import {
  monthsOfQuarter,
  periodStarts,
  quarterDays,
  quartersOf,
  yearDays,
  yearOfQuarter,
  type DayRange,
} from '../calendar/periods.js';
import { projectionWindow } from '../calendar/projection.js';
import { QUANTITIES } from '../common/quantities.js';
import { sumPeriods, type PeriodSums, type PeriodsOf } from '../ledger/period-sums.js';
import {
  applicableLimitsFrom,
  applicableLimitsStatement,
  categoriesFrom,
  type ApplicableLimit,
  type LimitsRow,
  type PersonCategories,
  type PregnancyTerms,
} from '../limits/applicable-limits.js';
import { daysBeforeDeclaration, pregnancyFirstDay, withFetalLimit } from '../limits/fetal-limit.js';
import {
  investigationLevelsFrom,
  investigationLevelsStatement,
  type InvestigationLevels,
  type InvestigationLevelsRow,
} from '../limits/investigation-levels.js';
import {
  BADGE_ALERT_LOCK_NAMESPACE,
  BATTERY_CLEAR_ABOVE_PERCENT,
} from '../limits/alert-thresholds.js';
import { alaraQuarterAlerts } from './rules/alara-quarter.js';
import type { AlertCandidate } from './rules/alert-candidate.js';
import { batteryLowAlerts, batterySignal } from './rules/battery-low.js';
import { classificationAlerts } from './rules/classification.js';
import type { BadgeReading, BadgeRuleOutcome } from './rules/badge-reading.js';
import { doseLimitAlerts } from './rules/dose-limit.js';
import { fetalMonthlyAlerts } from './rules/fetal-monthly.js';
import { DOSE_RATE_CLEAR_NSV_H, doseRateAlerts, doseRateSignal } from './rules/dose-rate.js';
import type { OpenEpisode } from './rules/episodes.js';
import type { PersonDose, QuantitySums } from './rules/person-dose.js';
import { projectedAlerts } from './rules/projected.js';
import { standingOf, type Standing } from './rules/standing.js';
import { plainArray, textArray } from '../database/array-literal.js';
import { pipelined, pipelinedAnywhere, type Rows, type Statement } from '../database/pipelined.js';
import { ascending, sortInOrder } from '../common/sort-in-order.js';

/**
 * The dose rules (doseLimit, alaraQuarter, projected, fetalMonthly, classification) for
 * everyone whose dose went up, in two round trips whatever their number: their limits,
 * categories and ALARA investigation levels, then their period sums from the ledger; and each
 * one's standing (largest fraction of a limit) for the dashboard.
 */
export async function doseAlerts(
  manager: EntityManager,
  people: ReadonlyMap<string, ReadonlySet<string>>,
  now: Date,
  timeZone: string,
): Promise<{ candidates: AlertCandidate[]; standings: Standing[]; evaluated: PersonDose[] }> {
  if (people.size === 0) return { candidates: [], standings: [], evaluated: [] };
  const today = dayInZone(now, timeZone);
  const { limits, categories, alaraLevels } = await loadDoseRuleData(
    manager,
    [...people.keys()],
    now,
    today,
  );
  const requests: PeriodsOf[] = [];
  // People by id, as the limits come: callers write in that order (lock order). A person
  // with investigation levels but no limits (a profile without them) is evaluated too.
  const evaluable = sortInOrder([...new Set([...limits.keys(), ...alaraLevels.keys()])], ascending);
  for (const personId of evaluable) {
    const personLimits = limits.get(personId) ?? [];
    const pregnancy = personLimits.find((limit) => limit.pregnancy)?.pregnancy;
    const fiveYears = personLimits.some((limit) => limit.period === '5years');
    requests.push({
      personId,
      periods: doseRulePeriods(
        today,
        people.get(personId) ?? new Set(),
        fiveYears,
        pregnancy && pregnancyPeriods(pregnancy, timeZone),
      ),
    });
  }
  const sums = await sumPeriods(manager, requests, today);
  const candidates: AlertCandidate[] = [];
  const standings: Standing[] = [];
  const evaluated: PersonDose[] = [];
  for (const { personId, periods } of requests) {
    const person: PersonDose = {
      personId,
      limits: withFetalLimit(limits.get(personId) ?? [], (quantity) =>
        sums.of(personId, BEFORE_DECLARATION, quantity),
      ),
      categories: categories.get(personId),
      alaraLevels: alaraLevels.get(personId) ?? [],
      sums: quantitySums(sums, personId, periods),
      touchedQuarters: sortInOrder([...(people.get(personId) ?? [])], ascending),
      today,
    };
    candidates.push(
      ...doseLimitAlerts(person),
      ...alaraQuarterAlerts(person),
      ...projectedAlerts(person),
      ...fetalMonthlyAlerts(person),
      ...classificationAlerts(person),
    );
    const standing = standingOf(person);
    if (standing) standings.push(standing);
    evaluated.push(person);
  }
  return { candidates, standings, evaluated };
}

/** A running pregnancy's days: all of it, and those before the declaration (20.1208(d)). */
interface PregnancyPeriods {
  all: DayRange;
  beforeDeclaration?: DayRange;
}

function pregnancyPeriods(terms: PregnancyTerms, timeZone: string): PregnancyPeriods {
  return {
    all: { first: pregnancyFirstDay(terms, timeZone), last: LAST_DAY },
    beforeDeclaration: daysBeforeDeclaration(terms, timeZone),
  };
}

/**
 * The limits that apply to each person at `now` (on the facility day `today`), their
 * categories that day and their profile's ALARA investigation levels, the two statements sent
 * together (pipelined.ts): one round trip per evaluation.
 */
async function loadDoseRuleData(
  manager: EntityManager,
  personIds: string[],
  now: Date,
  today: string,
): Promise<{
  limits: Map<string, ApplicableLimit[]>;
  categories: Map<string, PersonCategories>;
  alaraLevels: Map<string, InvestigationLevels[]>;
}> {
  const [limitRows, levelRows] = await pipelinedAnywhere(manager, [
    applicableLimitsStatement(personIds, now),
    investigationLevelsStatement(personIds),
  ]);
  const rows = limitRows.rows as unknown as LimitsRow[];
  return {
    limits: applicableLimitsFrom(rows, today),
    categories: categoriesFrom(rows, today),
    alaraLevels: investigationLevelsFrom(levelRows.rows as unknown as InvestigationLevelsRow[]),
  };
}

/**
 * The periods the dose rules compare with limits: every quarter and the whole of this year and
 * of the years of the quarters whose dose changed, the rolling five years (with a 5-year
 * limit), the projection window, and a running pregnancy with its days before the declaration
 * and its part in each month of those quarters. The open-ended ones run on to the last day
 * there is: a reading may be measured up to the allowed clock skew after today, and counts
 * from the moment it is stored.
 */
function doseRulePeriods(
  today: string,
  touchedQuarters: ReadonlySet<string>,
  fiveYears: boolean,
  pregnancy: PregnancyPeriods | undefined,
): Map<string, DayRange> {
  const periods = new Map<string, DayRange>();
  const years = new Set([yearOf(today), ...[...touchedQuarters].map(yearOfQuarter)]);
  for (const year of years) {
    periods.set(`${YEAR}${year}`, yearDays(year));
    for (const quarter of quartersOf(year)) periods.set(quarter, quarterDays(quarter));
  }
  if (fiveYears)
    periods.set(ROLLING_5_YEARS, { first: periodStarts(today).rolling5Years, last: LAST_DAY });
  periods.set(RECENT, { first: projectionWindow(today).first, last: LAST_DAY });
  if (pregnancy) {
    periods.set(PREGNANCY, pregnancy.all);
    if (pregnancy.beforeDeclaration) periods.set(BEFORE_DECLARATION, pregnancy.beforeDeclaration);
    for (const quarter of touchedQuarters)
      for (const [month, days] of monthsOfQuarter(quarter)) {
        const part = overlap(days, pregnancy.all);
        if (part) periods.set(`${PREGNANCY_MONTH}${month}`, part);
      }
  }
  return periods;
}

function overlap(a: DayRange, b: DayRange): DayRange | undefined {
  const first = a.first > b.first ? a.first : b.first;
  const last = a.last < b.last ? a.last : b.last;
  return first <= last ? { first, last } : undefined;
}

const YEAR = 'year:';
const PREGNANCY_MONTH = 'pregnancyMonth:';
const ROLLING_5_YEARS = 'rolling5Years';
const RECENT = 'recent';
const PREGNANCY = 'pregnancy';
const BEFORE_DECLARATION = 'beforeDeclaration';
const QUARTER = /^\d{4}-Q\d$/;

/** The rules' view of one person's sums: per quantity, quarters, years and the longer periods. */
function quantitySums(
  sums: PeriodSums,
  personId: string,
  periods: ReadonlyMap<string, DayRange>,
): Map<string, QuantitySums> {
  const byQuantity = new Map<string, QuantitySums>();
  for (const quantity of QUANTITIES) {
    const quarters = new Map<string, bigint>();
    const years = new Map<string, bigint>();
    const pregnancyMonths = new Map<string, bigint>();
    for (const period of periods.keys()) {
      const nsv = () => sums.of(personId, period, quantity);
      if (QUARTER.test(period)) quarters.set(period, nsv());
      else if (period.startsWith(YEAR)) years.set(period.slice(YEAR.length), nsv());
      else if (period.startsWith(PREGNANCY_MONTH))
        pregnancyMonths.set(period.slice(PREGNANCY_MONTH.length), nsv());
    }
    byQuantity.set(quantity, {
      quarters,
      years,
      rolling5Years: sums.of(personId, ROLLING_5_YEARS, quantity),
      recent: sums.of(personId, RECENT, quantity),
      pregnancy: sums.of(personId, PREGNANCY, quantity),
      pregnancyMonths,
    });
  }
  return byQuantity;
}

/**
 * The episode rules (doseRate, batteryLow) for the badges of these readings. Each badge's
 * evaluation is serialised across replicas by an advisory lock of its own (never one that
 * ingestion takes), so two replicas cannot both open an episode for the same badge.
 */
export async function episodeAlerts(
  manager: EntityManager,
  readings: readonly BadgeReading[],
): Promise<BadgeRuleOutcome> {
  const outcome: BadgeRuleOutcome = { raises: [], clears: [] };
  const relevant = readings.filter((r) => r.doseRateNsvH !== null || r.battery !== null);
  if (relevant.length === 0) return outcome;
  const bySerial = groupBy(relevant, (reading) => reading.serial);
  const serials = [...bySerial.keys()];
  // Only a reading that can open an episode needs the badge's lock (a clear is idempotent):
  // under load almost every reading is an ordinary one, and locking them all made each
  // evaluation wait on hundreds of locks.
  const raising = serials.filter((serial) => (bySerial.get(serial) ?? []).some(mayOpenEpisode));
  // With the badges' locks (in hash order, the order two transactions agree on whatever
  // their serials), the readings stored after theirs that would end what they open.
  const raisingReads =
    raising.length === 0
      ? []
      : [
          {
            text: `SELECT pg_advisory_xact_lock($1::int, h)
               FROM (SELECT DISTINCT hashtext(serial) AS h FROM unnest($2::text[]) AS serial ORDER BY 1) AS k`,
            values: [BADGE_ALERT_LOCK_NAMESPACE, textArray(raising)],
          },
          laterClearsStatement(raising, bySerial),
        ];
  // Sent together (pipelined.ts): the reads run once the locks are held.
  const results = await pipelined(manager, [
    ...raisingReads,
    {
      text: `SELECT kind, badge_serial, period, level_rank, detail->>'startSeq' AS start_seq
               FROM alert
              WHERE state IN ('open', 'acknowledged') AND kind IN ('doseRate', 'batteryLow')
                AND badge_serial = ANY($1::text[])
              ORDER BY raised_at`,
      values: [textArray(serials)],
    },
  ]);
  const later =
    raising.length === 0 ? new Map<string, BadgeReading[]>() : laterClearsFrom(results[1]);
  const open = results[results.length - 1].rows as unknown as {
    kind: string;
    badge_serial: string;
    period: string;
    level_rank: number;
    start_seq: string | null;
  }[];
  const episodes = new Map<string, OpenEpisode>();
  for (const row of open) {
    episodes.set(`${row.kind}|${row.badge_serial}`, {
      period: row.period,
      rank: row.level_rank,
      startSeq: BigInt(row.start_seq ?? '0'),
    });
  }
  for (const [serial, badgeReadings] of bySerial) {
    for (const result of [
      doseRateAlerts(serial, episodes.get(`doseRate|${serial}`), badgeReadings, later.get(serial)),
      batteryLowAlerts(
        serial,
        episodes.get(`batteryLow|${serial}`),
        badgeReadings,
        later.get(serial),
      ),
    ]) {
      outcome.raises.push(...result.raises);
      outcome.clears.push(...result.clears);
    }
  }
  return outcome;
}

function mayOpenEpisode(reading: BadgeReading): boolean {
  const rate = reading.doseRateNsvH === null ? 'clear' : doseRateSignal(reading.doseRateNsvH);
  const battery = reading.battery === null ? 'clear' : batterySignal(reading.battery);
  return (rate !== 'clear' && rate !== 'hold') || (battery !== 'clear' && battery !== 'hold');
}

/**
 * For each badge whose readings may open an episode: the first reading stored after the last
 * such one that would clear a doseRate episode, and the first that would clear a batteryLow
 * one. Evaluations can come in another order than the readings (a late reading from a
 * badge's backlog, or an alerting rate that committed in the urgent lane after an ordinary
 * reading of its badge was evaluated); without these, an episode a late reading opens would
 * stay open after the badge's newer readings had already ended it.
 */
function laterClearsStatement(
  raising: readonly string[],
  bySerial: ReadonlyMap<string, readonly BadgeReading[]>,
): Statement {
  const after = raising.map((serial) =>
    (bySerial.get(serial) ?? [])
      .filter(mayOpenEpisode)
      .reduce((max, { seq }) => (seq > max ? seq : max), -1n),
  );
  const first = (clears: string) =>
    `(SELECT seq, measured_at, person_id, dose_rate_nsv_h, battery, reset FROM reading
       WHERE badge_serial = b.serial AND seq > b.after AND ${clears} ORDER BY seq LIMIT 1)`;
  return {
    text: `SELECT b.serial, r.seq::text AS seq, r.measured_at, r.person_id,
                  r.dose_rate_nsv_h::text AS dose_rate, r.battery, r.reset
             FROM unnest($1::text[], $2::bigint[]) AS b(serial, after),
                  LATERAL (${first('dose_rate_nsv_h < $3')} UNION ALL ${first('battery > $4')}) AS r`,
    values: [
      textArray(raising),
      plainArray(after),
      DOSE_RATE_CLEAR_NSV_H.toString(),
      BATTERY_CLEAR_ABOVE_PERCENT,
    ],
  };
}

/**
 * laterClearsStatement's readings by serial. A reading of this evaluation may come back too
 * (or twice, clearing both kinds): it says nothing there that it does not say here.
 */
function laterClearsFrom({ rows }: Rows): Map<string, BadgeReading[]> {
  const later = new Map<string, BadgeReading[]>();
  for (const row of rows as {
    serial: string;
    seq: string;
    measured_at: Date;
    person_id: string | null;
    dose_rate: string | null;
    battery: number | null;
    reset: boolean;
  }[]) {
    const readings = later.get(row.serial) ?? [];
    readings.push({
      serial: row.serial,
      seq: BigInt(row.seq),
      measuredAt: row.measured_at,
      personId: row.person_id,
      doseRateNsvH: row.dose_rate === null ? null : BigInt(row.dose_rate),
      battery: row.battery,
      reset: row.reset,
    });
    later.set(row.serial, readings);
  }
  return later;
}
