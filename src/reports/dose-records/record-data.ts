import { BadRequestException, NotFoundException } from '@nestjs/common';
import { Between, type EntityManager } from 'typeorm';
import { toAdjustmentDto } from '../../adjustments/adjustments.service.js';
import { DoseAdjustment } from '../../adjustments/dose-adjustment.entity.js';
import type { AdjustmentDto } from '../../adjustments/dto/adjustment.dto.js';
import { dayInZone } from '../../calendar/facility-day.js';
import type { MonitoringPeriodDto, RecordPersonDto } from '../dto/dose-record.dto.js';
import type { DoseSum } from './form5.js';

/** The facts a dose record or history is built from, loaded from the database. */

/** The worker a record is about; 404 for nobody, 400 for a patient (10 CFR 20.2106 is occupational). */
export async function loadRecordPerson(
  manager: EntityManager,
  personId: string,
): Promise<RecordPersonDto> {
  const [person] = await manager.query<
    { kind: string; name: string; employee_id: string | null }[]
  >(`SELECT kind, name, employee_id FROM person WHERE id = $1`, [personId]);
  if (!person) throw new NotFoundException(`Person ${personId} not found`);
  if (person.kind !== 'worker')
    throw new BadRequestException(
      `Person ${personId} is a ${person.kind}: occupational dose records are kept for workers`,
    );
  return { id: personId, name: person.name, employeeId: person.employee_id };
}

/** Per calendar year and quantity, from the daily totals (readings and adjustments) of the days. */
export async function yearlyDoses(
  manager: EntityManager,
  personId: string,
  fromDay = '0001-01-01',
  toDay = '9999-12-31',
): Promise<Map<number, Map<string, DoseSum>>> {
  const rows = await manager.query<
    { year: number; quantity: string; total: string; adjustments: string }[]
  >(
    `SELECT extract(year FROM day)::int AS year, quantity,
            sum(dose_nsv)::text AS total, sum(adjustment_nsv)::text AS adjustments
       FROM daily_dose WHERE person_id = $1 AND day BETWEEN $2 AND $3
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [personId, fromDay, toDay],
  );
  const years = new Map<number, Map<string, DoseSum>>();
  for (const row of rows) {
    const year = years.get(row.year) ?? new Map<string, DoseSum>();
    year.set(row.quantity, {
      totalNsv: BigInt(row.total),
      adjustmentsNsv: BigInt(row.adjustments),
    });
    years.set(row.year, year);
  }
  return years;
}

export async function loadAdjustments(
  manager: EntityManager,
  personId: string,
  fromDay = '0001-01-01',
  toDay = '9999-12-31',
): Promise<AdjustmentDto[]> {
  const rows = await manager.find(DoseAdjustment, {
    where: { personId, day: Between(fromDay, toDay) },
    order: { day: 'ASC', createdAt: 'ASC' },
  });
  return rows.map(toAdjustmentDto);
}

/**
 * NRC Form 5's monitoring period within a year: from the first facility day a badge was
 * assigned to the person in the year to the last (today while one is still worn); null when
 * no badge was assigned in the year.
 */
export async function monitoringPeriod(
  manager: EntityManager,
  personId: string,
  year: number,
  now: Date,
  timeZone: string,
): Promise<MonitoringPeriodDto | null> {
  const rows = await manager.query<{ valid_from: Date; valid_to: Date | null }[]>(
    `SELECT valid_from, valid_to FROM badge_assignment WHERE person_id = $1 AND valid_from <= $2`,
    [personId, now],
  );
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const today = dayInZone(now, timeZone);
  let from: string | undefined;
  let to: string | undefined;
  for (const row of rows) {
    const start = dayInZone(row.valid_from, timeZone);
    // valid_to is exclusive: the last day worn is the day of the instant just before it.
    const end =
      row.valid_to && row.valid_to <= now
        ? dayInZone(new Date(row.valid_to.getTime() - 1), timeZone)
        : today;
    if (start > last || end < first) continue;
    if (from === undefined || start < from) from = start;
    if (to === undefined || end > to) to = end;
  }
  if (from === undefined || to === undefined) return null;
  return { from: from < first ? first : from, to: to > last ? last : to };
}
