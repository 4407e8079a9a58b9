import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { nanosievertsToMillisieverts } from '../common/dose-units.js';
import { dayInZone } from '../calendar/facility-day.js';
import { AppConfig } from '../config/app-config.js';
import { pipelinedReads } from '../database/pipelined.js';
import {
  applicableLimitsFrom,
  applicableLimitsStatement,
  categoriesFrom,
  type ApplicableLimit,
  type LimitsRow,
  type PregnancyTerms,
} from '../limits/applicable-limits.js';
import { daysBeforeDeclaration, pregnancyFirstDay, withFetalLimit } from '../limits/fetal-limit.js';
import { periodSumsQuery, sumPeriods, type PeriodSums } from '../ledger/period-sums.js';
import type { BodyLocation } from '../readings/body-location.js';
import { monitoredQuantities } from '../readings/rules/monitored-quantities.js';
import { QUANTITIES } from '../common/quantities.js';
import type { ExposureDto, LimitUseDto, QuantityExposureDto } from './dto/exposure.dto.js';
import { FIRST_DAY } from '../calendar/days.js';
import {
  daysLeftInYear,
  limitPeriodDays,
  periodStarts,
  type DayRange,
  type LimitPeriod,
} from '../calendar/periods.js';
import { projectionWindow, projectYearEnd } from '../calendar/projection.js';
import { notMeasuredStatement } from '../adjustments/not-measured/not-measured-parts.js';
import { notMeasuredFields } from './not-measured-field.js';

/** A person's cumulative dose per record quantity and period, from the ledger's period sums. */
@Injectable()
export class ExposureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async exposure(personId: string, at: Date): Promise<ExposureDto> {
    const timeZone = this.config.facilityTz;
    const asOfDay = dayInZone(at, timeZone);
    // The person, their limits, what they wore and their period sums in one round trip
    // (pipelinedReads). The sums are asked for without a pregnancy period; a declared
    // pregnancy (rare) asks for its own once the limits have said when it began. Prepared
    // (bench/README.md, "Exposure read").
    const sums = periodSumsQuery([{ personId, periods: recordPeriods(asOfDay) }], asOfDay);
    const [people, limitRows, wornRows, sumRows, notMeasuredRows] = await pipelinedReads(
      this.dataSource,
      [
        {
          text: `SELECT profile, category FROM person WHERE id = $1`,
          values: [personId],
          prepare: true,
        },
        { ...applicableLimitsStatement([personId], at), prepare: true },
        {
          text: `SELECT DISTINCT b.body_location AS location, a.apron
                 FROM badge_assignment a JOIN badge b ON b.serial = a.badge_serial
                WHERE a.person_id = $1 AND a.valid_from <= $2`,
          values: [personId, at],
          prepare: true,
        },
        sums.statement,
        notMeasuredStatement(personId, asOfDay),
      ],
    );
    const person = people.rows[0] as { profile: string; category: string } | undefined;
    if (!person) throw new NotFoundException(`Person ${personId} not found`);
    const rows = limitRows.rows as unknown as LimitsRow[];
    const doses = sums.read(sumRows);
    const applicable = applicableLimitsFrom(rows, asOfDay).get(personId) ?? [];
    const pregnancy = applicable.find((limit) => limit.pregnancy)?.pregnancy;
    if (pregnancy) await this.addPregnancy(doses, personId, pregnancy, asOfDay);
    const limits = withFetalLimit(applicable, (quantity) =>
      doses.of(personId, BEFORE_DECLARATION, quantity),
    );
    const worn = monitoredQuantities(
      wornRows.rows as unknown as { location: BodyLocation; apron: boolean | null }[],
    );
    const dose = (period: string, quantity: string) => doses.of(personId, period, quantity);
    const notMeasuredPeriods = recordPeriods(asOfDay);
    if (pregnancy)
      notMeasuredPeriods.set(
        'pregnancy',
        limitPeriodDays('pregnancy', asOfDay, pregnancyFirstDay(pregnancy, timeZone)),
      );
    const notMeasured = notMeasuredFields(notMeasuredRows, notMeasuredPeriods);
    const quantities: Record<string, QuantityExposureDto> = {};
    for (const quantity of QUANTITIES) {
      const limitUses = limits
        .filter((limit) => limit.quantity === quantity)
        .map((limit) => limitUse(limit, dose(LIMIT_PERIOD_SUMS[limit.period], quantity)));
      if (quantity === 'fetal') {
        quantities[quantity] = fetalExposure(pregnancy && dose('pregnancy', quantity), limitUses);
        continue;
      }
      const notMeasuredDose = notMeasured(quantity);
      // Monitored: a badge measures it, or a dose of it is on record (a prior dose or an
      // estimate, even of 0, says it was assessed).
      const monitored =
        worn.has(quantity) || dose('lifetime', quantity) !== 0n || 'notMeasured' in notMeasuredDose;
      const mSv = (nsv: bigint) => (monitored ? nanosievertsToMillisieverts(nsv) : null);
      quantities[quantity] = {
        monitored,
        quarter: mSv(dose('quarter', quantity)),
        year: mSv(dose('year', quantity)),
        rolling12Months: mSv(dose('rolling12Months', quantity)),
        rolling5Years: mSv(dose('rolling5Years', quantity)),
        lifetime: mSv(dose('lifetime', quantity)),
        ...(pregnancy
          ? { pregnancy: nanosievertsToMillisieverts(dose('pregnancy', quantity)) }
          : {}),
        projectedYearEnd: mSv(
          projectYearEnd(dose('year', quantity), dose('recent', quantity), daysLeftInYear(asOfDay)),
        ),
        limits: limitUses,
        ...notMeasuredDose,
      };
    }
    return {
      personId,
      asOf: at.toISOString(),
      profile: person.profile,
      // The category in force on the day (a minor's ends at 18); a patient's as stored.
      category: categoriesFrom(rows, asOfDay).get(personId)?.category ?? person.category,
      quantities,
    };
  }

  /** The running pregnancy's sums (all of it, and before the declaration) into `doses`. */
  private async addPregnancy(
    doses: PeriodSums,
    personId: string,
    terms: PregnancyTerms,
    asOfDay: string,
  ): Promise<void> {
    const timeZone = this.config.facilityTz;
    const periods = new Map([
      ['pregnancy', limitPeriodDays('pregnancy', asOfDay, pregnancyFirstDay(terms, timeZone))],
    ]);
    const before = daysBeforeDeclaration(terms, timeZone);
    if (before) periods.set(BEFORE_DECLARATION, before);
    const more = await sumPeriods(this.dataSource, [{ personId, periods }], asOfDay);
    for (const period of periods.keys())
      for (const [quantity, nsv] of more.ledgerQuantitiesOf(personId, period))
        doses.add(personId, period, quantity, nsv);
  }
}

const BEFORE_DECLARATION = 'beforeDeclaration';

/**
 * The fetal record exists only within a declared pregnancy (reading-doses.ts): its dose over
 * the pregnancy, compared with its limit; outside one, not monitored.
 */
function fetalExposure(
  pregnancyNsv: bigint | undefined,
  limits: LimitUseDto[],
): QuantityExposureDto {
  const none = { quarter: null, year: null, rolling12Months: null, rolling5Years: null };
  if (pregnancyNsv === undefined)
    return { monitored: false, ...none, lifetime: null, projectedYearEnd: null, limits };
  return {
    monitored: true,
    ...none,
    lifetime: null,
    pregnancy: nanosievertsToMillisieverts(pregnancyNsv),
    projectedYearEnd: null,
    limits,
  };
}

/** The record periods of the exposure answer (DESIGN.md §8), each through `asOfDay`. */
function recordPeriods(asOfDay: string): Map<string, DayRange> {
  const starts = periodStarts(asOfDay);
  const through = (first: string): DayRange => ({ first, last: asOfDay });
  return new Map([
    ['quarter', through(starts.quarter)],
    ['year', through(starts.year)],
    ['rolling12Months', through(starts.rolling12Months)],
    ['rolling5Years', through(starts.rolling5Years)],
    ['lifetime', through(FIRST_DAY)],
    ['recent', projectionWindow(asOfDay)],
  ]);
}

/** The record period a limit's period is compared with: year, rolling five years, pregnancy. */
const LIMIT_PERIOD_SUMS: Record<LimitPeriod, string> = {
  year: 'year',
  '5years': 'rolling5Years',
  pregnancy: 'pregnancy',
};

function limitUse(limit: ApplicableLimit, valueNsv: bigint): LimitUseDto {
  return {
    period: limit.period,
    limitMSv: nanosievertsToMillisieverts(limit.limitNsv),
    fraction: Number(valueNsv) / Number(limit.limitNsv),
  };
}
