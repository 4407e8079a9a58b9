import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ALARA_QUARTER_LEVELS } from '../../limits/alert-thresholds.js';
import { alertKey, levelAtFraction } from '../../alerts/rules/alert-candidate.js';
import { quarterOfDay } from '../../calendar/periods.js';
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
  person_id: string;
  name: string;
  employee_id: string | null;
  quantity: string;
  total: string;
  adjustments: string;
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
    const which = quarter ?? quarterOfDay(dayInZone(now, this.config.facilityTz));
    const { first: from, last: to } = quarterDays(which);
    const json = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const doses = await manager.query<QuarterDose[]>(
        `SELECT d.person_id, p.name, p.employee_id, d.quantity,
                sum(d.dose_nsv)::text AS total, sum(d.adjustment_nsv)::text AS adjustments
           FROM daily_dose d JOIN person p ON p.id = d.person_id
          WHERE d.day BETWEEN $1 AND $2 AND p.kind = 'worker'
          GROUP BY d.person_id, p.name, p.employee_id, d.quantity`,
        [from, to],
      );
      const limits = await loadApplicableLimits(
        manager,
        [...new Set(doses.map((d) => d.person_id))],
        now,
      );
      const rows: Omit<AlaraRowDto, 'alert'>[] = [];
      for (const dose of doses) {
        const limit = limits
          .get(dose.person_id)
          ?.find((l) => l.quantity === dose.quantity && l.period === 'year');
        if (!limit) continue;
        const totalNsv = BigInt(dose.total);
        const level = levelAtFraction(totalNsv, limit.limitNsv, ALARA_QUARTER_LEVELS);
        if (!level) continue;
        rows.push({
          personId: dose.person_id,
          name: dose.name,
          employeeId: dose.employee_id,
          quantity: dose.quantity,
          doseMSv: nanosievertsToMillisieverts(totalNsv),
          adjustmentsMSv: nanosievertsToMillisieverts(BigInt(dose.adjustments)),
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
