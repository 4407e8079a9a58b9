import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { nanosievertsToMillisieverts } from '../common/dose-units.js';
import { dayInZone } from '../common/facility-time.js';
import { AppConfig } from '../config/app-config.js';
import { loadApplicableLimits, type ApplicableLimit } from '../limits/applicable-limits.js';
import { QUANTITIES } from '../readings/quantities.js';
import type { ExposureDto, LimitUseDto, QuantityExposureDto } from './dto/exposure.dto.js';
import { addDays, daysLeftInYear, periodStarts } from './periods.js';
import { PROJECTION_WINDOW_DAYS, projectYearEnd } from './projection.js';

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
    const [person] = await this.dataSource.query<{ profile: string; category: string }[]>(
      `SELECT profile, category FROM person WHERE id = $1`,
      [personId],
    );
    if (!person) throw new NotFoundException(`Person ${personId} not found`);
    const asOfDay = dayInZone(at, this.config.facilityTz);
    const limits =
      (await loadApplicableLimits(this.dataSource.manager, [personId], at)).get(personId) ?? [];
    const since = limits.find((limit) => limit.since)?.since;
    const pregnancyDay = since ? dayInZone(since, this.config.facilityTz) : undefined;
    const sums = await this.periodSums(personId, asOfDay, pregnancyDay);
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

  private async periodSums(
    personId: string,
    asOfDay: string,
    pregnancyDay: string | undefined,
  ): Promise<Map<string, PeriodSums>> {
    const starts = periodStarts(asOfDay);
    const rows = await this.dataSource.query<Record<string, string>[]>(
      `SELECT quantity,
              coalesce(sum(dose_nsv) FILTER (WHERE day >= $3), 0)::text AS quarter,
              coalesce(sum(dose_nsv) FILTER (WHERE day >= $4), 0)::text AS year,
              coalesce(sum(dose_nsv) FILTER (WHERE day >= $5), 0)::text AS rolling12,
              coalesce(sum(dose_nsv) FILTER (WHERE day >= $6), 0)::text AS rolling5,
              coalesce(sum(dose_nsv) FILTER (WHERE day >= $7), 0)::text AS recent,
              coalesce(sum(dose_nsv) FILTER (WHERE day >= $8), 0)::text AS pregnancy,
              sum(dose_nsv)::text AS lifetime
         FROM daily_dose WHERE person_id = $1 AND day <= $2 GROUP BY quantity`,
      [
        personId,
        asOfDay,
        starts.quarter,
        starts.year,
        starts.rolling12Months,
        starts.rolling5Years,
        addDays(asOfDay, 1 - PROJECTION_WINDOW_DAYS),
        pregnancyDay ?? null,
      ],
    );
    return new Map(
      rows.map((row) => [
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
