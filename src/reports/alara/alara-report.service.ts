import { Injectable } from '@nestjs/common';
import { COUNTED_KIND_SQL } from '../../adjustments/adjustment-kind.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { alertKey } from '../../alerts/rules/alert-candidate.js';
import { quarterOfDay, type DayRange } from '../../calendar/periods.js';
import { plainArray } from '../../database/array-literal.js';
import { peopleWithDose, sumPeriods } from '../../ledger/period-sums.js';
import { nanosievertsToMillisieverts } from '../../common/dose-units.js';
import { dayInZone } from '../../calendar/facility-day.js';
import { AppConfig } from '../../config/app-config.js';
import { AlaraLevel } from '../../limits/alara-level.entity.js';
import { alaraLevelDto } from '../../limits/dto/alara-level.dto.js';
import { investigationLevelReached } from '../../limits/investigation-levels.js';
import type { AlaraAlertDto, AlaraReportDto, AlaraRowDto } from '../dto/alara.dto.js';
import type { Report } from '../report-format.js';
import { alaraDocument } from './alara-document.js';
import { quarterDays } from '../../calendar/periods.js';

const NOTES = [
  "Investigation levels (DESIGN.md §5, ALARA): the dose of a quantity received within one calendar quarter against the investigation levels of the person's limit profile (GET /limit-profiles/:profile/alara-levels), as listed with this report; Level I raises an alaraQuarter notice, Level II a warning.",
  'Levels are those in force at the time of the report. Doses include dose adjustments.',
];

interface QuarterDose {
  personId: string;
  name: string;
  employeeId: string | null;
  profile: string;
  quantity: string;
  totalNsv: bigint;
  adjustmentsNsv: bigint;
}

/** A row before its alert is known, with the exact numbers it is ranked by. */
interface Reached {
  row: Omit<AlaraRowDto, 'alert'>;
  totalNsv: bigint;
  levelNsv: bigint;
}

/**
 * Every worker at or over an ALARA investigation level in a quarter, with doses, the levels
 * applied and alert states (patients' dosimeters are not occupational dose). The levels are the
 * table the alaraQuarter rule reads, compared the same way (investigationLevelReached).
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
      const levels = await manager.find(AlaraLevel, { order: { profile: 'ASC', quantity: 'ASC' } });
      const reached: Reached[] = [];
      for (const dose of doses) {
        const applied = levels.find(
          (l) => l.profile === dose.profile && l.quantity === dose.quantity,
        );
        if (!applied) continue;
        const level = investigationLevelReached(dose.totalNsv, applied);
        if (!level) continue;
        reached.push({
          row: {
            personId: dose.personId,
            name: dose.name,
            employeeId: dose.employeeId,
            profile: dose.profile,
            quantity: dose.quantity,
            doseMSv: nanosievertsToMillisieverts(dose.totalNsv),
            adjustmentsMSv: nanosievertsToMillisieverts(dose.adjustmentsNsv),
            levelIMSv: nanosievertsToMillisieverts(applied.levelINsv),
            levelIIMSv: nanosievertsToMillisieverts(applied.levelIINsv),
            investigationLevel: level.level,
          },
          totalNsv: dose.totalNsv,
          levelNsv: level.levelNsv,
        });
      }
      reached.sort(byConcern);
      const alerts = await alaraAlerts(
        manager,
        which,
        reached.map(({ row }) => row),
      );
      return {
        quarter: which,
        from,
        to,
        asOf: now.toISOString(),
        rows: reached.map(({ row }) => ({ ...row, alert: alerts.get(keyOf(which, row)) ?? null })),
        levels: levels.map((applied) => ({ profile: applied.profile, ...alaraLevelDto(applied) })),
        notes: NOTES,
      };
    });
    return { json, document: () => alaraDocument(json) };
  }
}

/**
 * Level II before Level I; within a level, the furthest over it first (dose ÷ level, compared
 * exactly as dose × other level), then by name.
 */
function byConcern(a: Reached, b: Reached): number {
  if (a.row.investigationLevel !== b.row.investigationLevel)
    return a.row.investigationLevel === 'II' ? -1 : 1;
  const over = b.totalNsv * a.levelNsv - a.totalNsv * b.levelNsv;
  if (over !== 0n) return over > 0n ? 1 : -1;
  return a.row.name.localeCompare(b.row.name);
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
  const people = await manager.query<
    { id: string; name: string; employee_id: string | null; profile: string }[]
  >(`SELECT id, name, employee_id, profile FROM person WHERE id = ANY($1::uuid[])`, [
    plainArray(workers),
  ]);
  const adjustments = await manager.query<{ person_id: string; quantity: string; nsv: string }[]>(
    `SELECT person_id, quantity, sum(dose_nsv)::text AS nsv FROM dose_adjustment
      WHERE ${COUNTED_KIND_SQL} AND day >= $1 AND day <= $2 GROUP BY 1, 2`,
    [quarter.first, quarter.last],
  );
  const adjusted = new Map(adjustments.map((a) => [`${a.person_id}|${a.quantity}`, BigInt(a.nsv)]));
  return people.flatMap((person) =>
    [...sums.quantitiesOf(person.id, 'quarter')].map(([quantity, totalNsv]) => ({
      personId: person.id,
      name: person.name,
      employeeId: person.employee_id,
      profile: person.profile,
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
