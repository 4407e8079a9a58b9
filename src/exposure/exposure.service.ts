import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { nanosievertsToMillisieverts } from '../common/dose-units.js';
import { dayInZone } from '../calendar/facility-day.js';
import { AppConfig } from '../config/app-config.js';
import { pipelinedReads, type Rows, type Statement } from '../database/pipelined.js';
import {
  applicableLimitsFrom,
  applicableLimitsStatement,
  type ApplicableLimit,
  type LimitsRow,
} from '../limits/applicable-limits.js';
import { yearEndOrNever } from '../readings/closed-periods.js';
import { QUANTITIES } from '../common/quantities.js';
import type { ExposureDto, LimitUseDto, QuantityExposureDto } from './dto/exposure.dto.js';
import { addDays } from '../calendar/days.js';
import { daysLeftInYear, periodStarts } from '../calendar/periods.js';
import { PROJECTION_WINDOW_DAYS, projectYearEnd } from '../calendar/projection.js';

interface PeriodSums {
  quarter: bigint;
  year: bigint;
  rolling12Months: bigint;
  rolling5Years: bigint;
  lifetime: bigint;
  recent: bigint;
  pregnancy: bigint;
}

/** A person's cumulative dose per record quantity and period, from the daily totals. */
@Injectable()
export class ExposureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async exposure(personId: string, at: Date): Promise<ExposureDto> {
    const asOfDay = dayInZone(at, this.config.facilityTz);
    // The person, their limits and their period sums in one round trip (pipelinedReads). The
    // sums are asked for without a pregnancy period; a declared pregnancy (rare) asks again
    // from its start. Prepared: planning took a large share of the sums' time
    // (bench/README.md, "Exposure read").
    const [people, limitRows, sumRows] = await pipelinedReads(this.dataSource, [
      {
        text: `SELECT profile, category FROM person WHERE id = $1`,
        values: [personId],
        prepare: true,
      },
      { ...applicableLimitsStatement([personId], at), prepare: true },
      periodSumsStatement(personId, asOfDay, undefined),
    ]);
    const person = people.rows[0] as { profile: string; category: string } | undefined;
    if (!person) throw new NotFoundException(`Person ${personId} not found`);
    const limits =
      applicableLimitsFrom(limitRows.rows as unknown as LimitsRow[]).get(personId) ?? [];
    const since = limits.find((limit) => limit.since)?.since;
    const pregnancyDay = since ? dayInZone(since, this.config.facilityTz) : undefined;
    const [periodRows] = pregnancyDay
      ? await pipelinedReads(this.dataSource, [
          periodSumsStatement(personId, asOfDay, pregnancyDay),
        ])
      : [sumRows];
    const sums = periodSumsFrom(periodRows);
    const quantities: Record<string, QuantityExposureDto> = {};
    for (const quantity of QUANTITIES) {
      const s = sums.get(quantity) ?? zero();
      const projected = projectYearEnd(s.year, s.recent, daysLeftInYear(asOfDay));
      quantities[quantity] = {
        quarter: nanosievertsToMillisieverts(s.quarter),
        year: nanosievertsToMillisieverts(s.year),
        rolling12Months: nanosievertsToMillisieverts(s.rolling12Months),
        rolling5Years: nanosievertsToMillisieverts(s.rolling5Years),
        lifetime: nanosievertsToMillisieverts(s.lifetime),
        ...(pregnancyDay ? { pregnancy: nanosievertsToMillisieverts(s.pregnancy) } : {}),
        projectedYearEnd: nanosievertsToMillisieverts(projected),
        limits: limits
          .filter((limit) => limit.quantity === quantity)
          .map((limit) => limitUse(limit, periodValue(s, limit))),
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

/**
 * The statement of a person's period sums from the daily totals, with each closed year before
 * the year of `asOfDay` read as its one `dose_year_total` row instead (closed-periods.ts). A
 * period that starts inside such a year (rolling 12 months, rolling 5 years, recent,
 * pregnancy) takes that year's days from its start instead of the year's total: those "edge"
 * days count only in the periods that start after the year began.
 */
function periodSumsStatement(
  personId: string,
  asOfDay: string,
  pregnancyDay: string | undefined,
): Statement {
  const starts = periodStarts(asOfDay);
  const froms = [
    starts.quarter,
    starts.year,
    starts.rolling12Months,
    starts.rolling5Years,
    addDays(asOfDay, 1 - PROJECTION_WINDOW_DAYS),
    pregnancyDay ?? null,
  ];
  // Params: person, as-of day, the last year that may be read as a total, the six starts.
  const params: (string | number | null)[] = [
    personId,
    asOfDay,
    Number(asOfDay.slice(0, 4)) - 1,
    ...froms,
  ];
  const edges: string[] = [];
  for (const from of froms) {
    if (from === null || from.endsWith('-01-01')) continue;
    params.push(from, `${from.slice(0, 4)}-12-31`);
    edges.push(
      `OR (day >= $${params.length - 1} AND day <= $${params.length} AND day <= (SELECT last_day FROM rolled))`,
    );
  }
  const inPeriod = (n: number) =>
    `coalesce(sum(nsv) FILTER (WHERE day >= $${n}::date AND (NOT edge OR date_trunc('year', day) < $${n}::date)), 0)::text`;
  return {
    // least() skips a null: with no year closed, none is read as a total.
    text: `WITH rolled AS (SELECT year, ${yearEndOrNever('year')} AS last_day
                       FROM (SELECT CASE WHEN least(max(year), $3::int) >= 1 AND max(year) IS NOT NULL
                                         THEN least(max(year), $3::int) END AS year
                               FROM dose_year_close) c)
     SELECT quantity, ${inPeriod(4)} AS quarter, ${inPeriod(5)} AS year, ${inPeriod(6)} AS rolling12,
            ${inPeriod(7)} AS rolling5, ${inPeriod(8)} AS recent, ${inPeriod(9)} AS pregnancy,
            coalesce(sum(nsv) FILTER (WHERE NOT edge), 0)::text AS lifetime
       FROM (SELECT quantity, day, dose_nsv AS nsv, day <= (SELECT last_day FROM rolled) AS edge
               FROM daily_dose
              WHERE person_id = $1 AND day <= $2
                AND (day > (SELECT last_day FROM rolled) ${edges.join(' ')})
             UNION ALL
             SELECT quantity, make_date(year, 1, 1), dose_nsv, false
               FROM dose_year_total WHERE person_id = $1 AND year <= (SELECT year FROM rolled)) AS parts
      GROUP BY quantity`,
    values: params,
    prepare: true,
  };
}

/** The period sums per quantity, from the rows of periodSumsStatement. */
function periodSumsFrom({ rows }: Rows): Map<string, PeriodSums> {
  return new Map(
    (rows as Record<string, string>[]).map((row) => [
      row.quantity,
      {
        quarter: BigInt(row.quarter),
        year: BigInt(row.year),
        rolling12Months: BigInt(row.rolling12),
        rolling5Years: BigInt(row.rolling5),
        lifetime: BigInt(row.lifetime),
        recent: BigInt(row.recent),
        pregnancy: BigInt(row.pregnancy),
      },
    ]),
  );
}

function zero(): PeriodSums {
  return {
    quarter: 0n,
    year: 0n,
    rolling12Months: 0n,
    rolling5Years: 0n,
    lifetime: 0n,
    recent: 0n,
    pregnancy: 0n,
  };
}

/** The dose a limit is compared with: year, rolling five years, or since the declaration. */
function periodValue(sums: PeriodSums, limit: ApplicableLimit): bigint {
  switch (limit.period) {
    case 'year':
      return sums.year;
    case '5years':
      return sums.rolling5Years;
    case 'pregnancy':
      return sums.pregnancy;
  }
}

function limitUse(limit: ApplicableLimit, valueNsv: bigint): LimitUseDto {
  return {
    period: limit.period,
    limitMSv: nanosievertsToMillisieverts(limit.limitNsv),
    fraction: Number(valueNsv) / Number(limit.limitNsv),
  };
}
