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
  type ApplicableLimit,
  type LimitsRow,
} from '../limits/applicable-limits.js';
import { periodSumsQuery, sumPeriods } from '../ledger/period-sums.js';
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
    const asOfDay = dayInZone(at, this.config.facilityTz);
    // The person, their limits and their period sums in one round trip (pipelinedReads). The
    // sums are asked for without a pregnancy period; a declared pregnancy (rare) asks for it
    // alone once the limits have said when it began. Prepared (bench/README.md, "Exposure read").
    const sums = periodSumsQuery([{ personId, periods: recordPeriods(asOfDay) }], asOfDay);
    const [people, limitRows, sumRows, notMeasuredRows] = await pipelinedReads(this.dataSource, [
      {
        text: `SELECT profile, category FROM person WHERE id = $1`,
        values: [personId],
        prepare: true,
      },
      { ...applicableLimitsStatement([personId], at), prepare: true },
      sums.statement,
      notMeasuredStatement(personId, asOfDay),
    ]);
    const person = people.rows[0] as { profile: string; category: string } | undefined;
    if (!person) throw new NotFoundException(`Person ${personId} not found`);
    const limits =
      applicableLimitsFrom(limitRows.rows as unknown as LimitsRow[]).get(personId) ?? [];
    const since = limits.find((limit) => limit.since)?.since;
    const pregnancyFrom = since ? dayInZone(since, this.config.facilityTz) : undefined;
    const doses = sums.read(sumRows);
    if (pregnancyFrom) {
      const pregnancy = new Map([
        ['pregnancy', limitPeriodDays('pregnancy', asOfDay, pregnancyFrom)],
      ]);
      const more = await sumPeriods(this.dataSource, [{ personId, periods: pregnancy }], asOfDay);
      for (const [quantity, nsv] of more.quantitiesOf(personId, 'pregnancy'))
        doses.add(personId, 'pregnancy', quantity, nsv);
    }
    const dose = (period: string, quantity: string) => doses.of(personId, period, quantity);
    const notMeasuredPeriods = recordPeriods(asOfDay);
    if (pregnancyFrom)
      notMeasuredPeriods.set('pregnancy', limitPeriodDays('pregnancy', asOfDay, pregnancyFrom));
    const notMeasured = notMeasuredFields(notMeasuredRows, notMeasuredPeriods);
    const quantities: Record<string, QuantityExposureDto> = {};
    for (const quantity of QUANTITIES) {
      const projected = projectYearEnd(
        dose('year', quantity),
        dose('recent', quantity),
        daysLeftInYear(asOfDay),
      );
      quantities[quantity] = {
        quarter: nanosievertsToMillisieverts(dose('quarter', quantity)),
        year: nanosievertsToMillisieverts(dose('year', quantity)),
        rolling12Months: nanosievertsToMillisieverts(dose('rolling12Months', quantity)),
        rolling5Years: nanosievertsToMillisieverts(dose('rolling5Years', quantity)),
        lifetime: nanosievertsToMillisieverts(dose('lifetime', quantity)),
        ...(pregnancyFrom
          ? { pregnancy: nanosievertsToMillisieverts(dose('pregnancy', quantity)) }
          : {}),
        projectedYearEnd: nanosievertsToMillisieverts(projected),
        limits: limits
          .filter((limit) => limit.quantity === quantity)
          .map((limit) => limitUse(limit, dose(LIMIT_PERIOD_SUMS[limit.period], quantity))),
        ...notMeasured(quantity),
      };
    }
    return {
      personId,
      asOf: at.toISOString(),
      profile: person.profile,
      category: person.category,
      quantities,
    };
  }
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
