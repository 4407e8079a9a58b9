import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ALARA_QUARTER_LEVELS } from '../../limits/alert-thresholds.js';
import { alertKey, levelAtFraction } from '../../alerts/rules/alert-candidate.js';
import { quarterOfDay, type DayRange } from '../../calendar/periods.js';
import { plainArray } from '../../database/array-literal.js';
import { peopleWithDose, sumPeriods } from '../../ledger/period-sums.js';
import { nanosievertsToMillisieverts } from '../../common/dose-units.js';
import { dayInZone } from '../../calendar/facility-day.js';
import { AppConfig } from '../../config/app-config.js';
import { loadApplicableLimits } from '../../limits/applicable-limits.js';
import type { AlaraAlertDto, AlaraReportDto, AlaraRowDto } from '../dto/alara.dto.js';
import type { Report } from '../report-format.js';
import { alaraDocument } from './alara-document.js';
import { quarterDays } from '../../calendar/periods.js';

const NOTES = [
  'Investigation levels (DESIGN.md §5, ALARA): I at 10 % and II at 30 % of the annual limit of the quantity received within one calendar quarter; the thresholds are those of the alaraQuarter alert rule.',
  "Annual limits are each person's limits in force at the time of the report (profile, category, personal overrides). Doses include dose adjustments.",
];

interface QuarterDose {
  personId: string;
  name: string;
  employeeId: string | null;
  quantity: string;
  totalNsv: bigint;
  adjustmentsNsv: bigint;
}

/**
 * Every worker at or over an ALARA investigation level in a quarter, with doses and alert
 * states (patients' dosimeters are not occupational dose).
 */
@Injectable()
export class AlaraReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async report(quarter?: string): Promise<Report<AlaraReportDto>> {
    const now = new Date();
    const today = dayInZone(now, this.config.facilityTz);
    const which = quarter ?? quarterOfDay(today);
    const { first: from, last: to } = quarterDays(which);
    const json = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const doses = await quarterDoses(manager, { first: from, last: to }, today);
      const limits = await loadApplicableLimits(
        manager,
        [...new Set(doses.map((d) => d.personId))],
        now,
      );
      const rows: Omit<AlaraRowDto, 'alert'>[] = [];
      for (const dose of doses) {
        const limit = limits
          .get(dose.personId)
          ?.find((l) => l.quantity === dose.quantity && l.period === 'year');
        if (!limit) continue;
        const totalNsv = dose.totalNsv;
        const level = levelAtFraction(totalNsv, limit.limitNsv, ALARA_QUARTER_LEVELS);
        if (!level) continue;
        rows.push({
          personId: dose.personId,
          name: dose.name,
          employeeId: dose.employeeId,
          quantity: dose.quantity,
          doseMSv: nanosievertsToMillisieverts(totalNsv),
          adjustmentsMSv: nanosievertsToMillisieverts(dose.adjustmentsNsv),
          annualLimitMSv: nanosievertsToMillisieverts(limit.limitNsv),
          fraction: Number(totalNsv) / Number(limit.limitNsv),
          investigationLevel: level === 'warning' ? 'II' : 'I',
        });
      }
      const alerts = await alaraAlerts(manager, which, rows);
      return {
        quarter: which,
        from,
        to,
        asOf: now.toISOString(),
        rows: rows
          .map((row) => ({ ...row, alert: alerts.get(keyOf(which, row)) ?? null }))
          .sort((a, b) => b.fraction - a.fraction || a.name.localeCompare(b.name)),
        notes: NOTES,
      };
    });
    return { json, document: () => alaraDocument(json) };
  }
}

/**
 * Every worker's dose per quantity within the quarter (the ledger's period sums), and the part
 * of it that dose adjustments made; quantities without dose are left out.
 */
async function quarterDoses(
  manager: EntityManager,
  quarter: DayRange,
  today: string,
): Promise<QuarterDose[]> {
  const workers = await peopleWithDose(manager, 'worker');
  const periods = new Map([['quarter', quarter]]);
  const sums = await sumPeriods(
    manager,
    workers.map((personId) => ({ personId, periods })),
    today,
  );
  const people = await manager.query<{ id: string; name: string; employee_id: string | null }[]>(
    `SELECT id, name, employee_id FROM person WHERE id = ANY($1::uuid[])`,
    [plainArray(workers)],
  );
  const adjustments = await manager.query<{ person_id: string; quantity: string; nsv: string }[]>(
    `SELECT person_id, quantity, sum(dose_nsv)::text AS nsv FROM dose_adjustment
      WHERE kind = 'dose' AND day >= $1 AND day <= $2 GROUP BY 1, 2`,
    [quarter.first, quarter.last],
  );
  const adjusted = new Map(adjustments.map((a) => [`${a.person_id}|${a.quantity}`, BigInt(a.nsv)]));
  return people.flatMap((person) =>
    [...sums.quantitiesOf(person.id, 'quarter')].map(([quantity, totalNsv]) => ({
      personId: person.id,
      name: person.name,
      employeeId: person.employee_id,
      quantity,
      totalNsv,
      adjustmentsNsv: adjusted.get(`${person.id}|${quantity}`) ?? 0n,
    })),
  );
}

const keyOf = (quarter: string, row: Pick<AlaraRowDto, 'personId' | 'quantity'>): string =>
  alertKey({
    kind: 'alaraQuarter',
    personId: row.personId,
    badgeSerial: null,
    quantity: row.quantity,
    period: `quarter:${quarter}`,
  });

async function alaraAlerts(
  manager: EntityManager,
  quarter: string,
  rows: Pick<AlaraRowDto, 'personId' | 'quantity'>[],
): Promise<Map<string, AlaraAlertDto>> {
  const found = await manager.query<{ key: string; id: string; level: string; state: string }[]>(
    `SELECT key, id, level, state FROM alert WHERE key = ANY($1::text[])`,
    [rows.map((row) => keyOf(quarter, row))],
  );
  return new Map(found.map(({ key, id, level, state }) => [key, { id, level, state }]));
}
