import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { nanosievertsToMillisieverts } from '../common/dose-units.js';
import { dayInZone } from '../calendar/facility-day.js';
import { AppConfig } from '../config/app-config.js';
import { FIRST_DAY, LAST_DAY } from '../calendar/days.js';
import { periodStarts, type DayRange } from '../calendar/periods.js';
import { plainArray } from '../database/array-literal.js';
import { peopleWithDose, sumPeriods, type PeriodSums } from '../ledger/period-sums.js';
import type { PatientListDto, PatientRankingWindow } from './dto/patient-exposure.dto.js';

interface Row {
  id: string;
  name: string;
  lifetime: string;
  rolling12: string;
  rolling5: string;
  events: number;
  last_exposure_at: Date | null;
  open_alerts: number;
}

const WORN_PERIODS = ['lifetime', 'rolling12Months', 'rolling5Years'] as const;

const ORDER_COLUMN: Record<PatientRankingWindow, string> = {
  lifetime: 'lifetime',
  rolling12Months: 'rolling12',
  rolling5Years: 'rolling5',
};

/** Patients ranked by cumulative effective dose: events plus worn dosimeters. */
@Injectable()
export class PatientRankingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async list(window: PatientRankingWindow, limit: number, offset: number): Promise<PatientListDto> {
    const now = new Date();
    const today = dayInZone(now, this.config.facilityTz);
    const starts = periodStarts(today);
    const worn = await this.wornDoses(today);
    const rows = await this.dataSource.query<Row[]>(
      `WITH events AS (
              SELECT person_id, count(*)::int AS events, max(performed_at) AS last_exposure_at,
                     coalesce(sum(effective_nsv), 0) AS lifetime,
                     coalesce(sum(effective_nsv) FILTER (WHERE (performed_at AT TIME ZONE $1)::date >= $2::date), 0) AS rolling12,
                     coalesce(sum(effective_nsv) FILTER (WHERE (performed_at AT TIME ZONE $1)::date >= $3::date), 0) AS rolling5
                FROM patient_exposure GROUP BY person_id),
            worn AS (
              SELECT * FROM unnest($6::uuid[], $7::bigint[], $8::bigint[], $9::bigint[])
                         AS w(person_id, lifetime, rolling12, rolling5)),
            ranked AS (
              SELECT p.id, p.name,
                     coalesce(e.lifetime, 0) + coalesce(w.lifetime, 0) AS lifetime,
                     coalesce(e.rolling12, 0) + coalesce(w.rolling12, 0) AS rolling12,
                     coalesce(e.rolling5, 0) + coalesce(w.rolling5, 0) AS rolling5,
                     coalesce(e.events, 0) AS events, e.last_exposure_at
                FROM person p
                LEFT JOIN events e ON e.person_id = p.id
                LEFT JOIN worn w ON w.person_id = p.id
               WHERE p.kind = 'patient')
       SELECT r.id, r.name, r.lifetime::text, r.rolling12::text, r.rolling5::text, r.events,
              r.last_exposure_at,
              (SELECT count(*)::int FROM alert a
                WHERE a.person_id = r.id AND a.state <> 'resolved') AS open_alerts
         FROM ranked r
        ORDER BY r.${ORDER_COLUMN[window]} DESC, r.id
        LIMIT $4 OFFSET $5`,
      [
        this.config.facilityTz,
        starts.rolling12Months,
        starts.rolling5Years,
        limit,
        offset,
        plainArray(worn.people),
        ...WORN_PERIODS.map((period) =>
          plainArray(worn.people.map((personId) => worn.sums.of(personId, period, 'effective'))),
        ),
      ],
    );
    const mSv = (text: string) => nanosievertsToMillisieverts(BigInt(text));
    return {
      asOf: now.toISOString(),
      window,
      patients: rows.map((row) => ({
        personId: row.id,
        name: row.name,
        effectiveDose: {
          lifetime: mSv(row.lifetime),
          rolling12Months: mSv(row.rolling12),
          rolling5Years: mSv(row.rolling5),
        },
        events: row.events,
        lastExposureAt: row.last_exposure_at?.toISOString() ?? null,
        openAlerts: row.open_alerts,
      })),
    };
  }

  /** Effective dose of the patients who wore a dosimeter (few), per ranking window, from the ledger. */
  private async wornDoses(today: string): Promise<{ people: string[]; sums: PeriodSums }> {
    const people = await peopleWithDose(this.dataSource, 'patient');
    const starts = periodStarts(today);
    const periods = new Map<string, DayRange>([
      ['lifetime', { first: FIRST_DAY, last: LAST_DAY }],
      ['rolling12Months', { first: starts.rolling12Months, last: LAST_DAY }],
      ['rolling5Years', { first: starts.rolling5Years, last: LAST_DAY }],
    ]);
    const requests = people.map((personId) => ({ personId, periods }));
    return { people, sums: await sumPeriods(this.dataSource, requests, today) };
  }
}
