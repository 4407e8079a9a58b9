import { BadRequestException, NotFoundException } from '@nestjs/common';
import { Between, In, type EntityManager } from 'typeorm';
import { toAdjustmentDto } from '../../adjustments/adjustments.service.js';
import { COUNTED_KINDS, type AdjustmentKind } from '../../adjustments/adjustment-kind.js';
import { DoseAdjustment } from '../../adjustments/dose-adjustment.entity.js';
import type { AdjustmentDto } from '../../adjustments/dto/adjustment.dto.js';
import type { DoseEstimateDto, PriorDoseDto } from '../../adjustments/dto/not-measured.dto.js';
import {
  loadDoseEstimates,
  loadPriorDoses,
} from '../../adjustments/not-measured/not-measured.service.js';
import { FIRST_DAY, LAST_DAY, yearOf } from '../../calendar/days.js';
import { dayInZone } from '../../calendar/facility-day.js';
import { yearDays, type DayRange } from '../../calendar/periods.js';
import { doseDaySpan, sumPeriods } from '../../ledger/period-sums.js';
import type { MonitoringPeriodDto, RecordPersonDto } from '../dto/dose-record.dto.js';
import type { DoseSum } from './nrc-form5.js';

/** The facts a dose record or history is built from, loaded from the database. */

/** The worker a record is about; 404 for nobody, 400 for a patient (10 CFR 20.2106 is occupational). */
export async function loadRecordPerson(
  manager: EntityManager,
  personId: string,
): Promise<RecordPersonDto> {
  const [person] = await manager.query<
    {
      kind: string;
      name: string;
      employee_id: string | null;
      id_type: RecordPersonDto['idType'];
      sex: RecordPersonDto['sex'];
      date_of_birth: string | null;
      profile: string;
      eu_category: RecordPersonDto['euCategory'];
    }[]
  >(
    `SELECT kind, name, employee_id, id_type, sex, date_of_birth::text, profile, eu_category
       FROM person WHERE id = $1`,
    [personId],
  );
  if (!person) throw new NotFoundException(`Person ${personId} not found`);
  if (person.kind !== 'worker')
    throw new BadRequestException(
      `Person ${personId} is a ${person.kind}: occupational dose records are kept for workers`,
    );
  return {
    id: personId,
    name: person.name,
    employeeId: person.employee_id,
    idType: person.id_type,
    sex: person.sex,
    dateOfBirth: person.date_of_birth,
    profile: person.profile,
    euCategory: person.eu_category,
  };
}

/**
 * Per calendar year and quantity, the dose (readings and adjustments) from the ledger's period
 * sums, the adjustments' part of it and, of that, the prior doses' and estimates' parts, from
 * `fromDay` through `toDay`; years without dose are left out.
 */
export async function yearlyDoses(
  manager: EntityManager,
  personId: string,
  today: string,
  fromDay = FIRST_DAY,
  toDay = LAST_DAY,
): Promise<Map<number, Map<string, DoseSum>>> {
  const years = new Map<number, Map<string, DoseSum>>();
  const span = await doseDaySpan(manager, personId);
  if (!span) return years;
  const first = fromDay > span.first ? fromDay : span.first;
  const last = toDay < span.last ? toDay : span.last;
  const periods = new Map<string, DayRange>();
  for (let year = yearOf(first); year <= yearOf(last); year++) {
    const { first: yearFirst, last: yearLast } = yearDays(year);
    periods.set(String(year), {
      first: yearFirst > first ? yearFirst : first,
      last: yearLast < last ? yearLast : last,
    });
  }
  const sums = await sumPeriods(manager, [{ personId, periods }], today);
  // The part of the totals adjustments made: reattributions are carried by their readings.
  const adjustments = await manager.find(DoseAdjustment, {
    where: { personId, day: Between(first, last), kind: In([...COUNTED_KINDS]) },
  });
  for (const name of periods.keys()) {
    const doses = sums.quantitiesOf(personId, name);
    if (doses.size === 0) continue;
    const year = Number(name);
    const inYear = adjustments.filter((a) => yearOf(a.day) === year);
    const sumOf = (quantity: string, kinds: readonly AdjustmentKind[]) =>
      inYear
        .filter((a) => a.quantity === quantity && kinds.includes(a.kind))
        .reduce((sum, a) => sum + a.doseNsv, 0n);
    years.set(
      year,
      new Map(
        [...doses].map(([quantity, totalNsv]) => [
          quantity,
          {
            totalNsv,
            adjustmentsNsv: sumOf(quantity, COUNTED_KINDS),
            priorNsv: sumOf(quantity, ['priorDose']),
            estimatedNsv: sumOf(quantity, ['estimate']),
          },
        ]),
      ),
    );
  }
  return years;
}

export async function loadAdjustments(
  manager: EntityManager,
  personId: string,
  fromDay = FIRST_DAY,
  toDay = LAST_DAY,
): Promise<AdjustmentDto[]> {
  const rows = await manager.find(DoseAdjustment, {
    where: { personId, day: Between(fromDay, toDay) },
    order: { day: 'ASC', createdAt: 'ASC', quantity: 'ASC' },
  });
  return rows.map(toAdjustmentDto);
}

/** The prior doses and estimates whose period ends within [fromDay, toDay] (booked then). */
export async function loadNotMeasured(
  manager: EntityManager,
  personId: string,
  fromDay = FIRST_DAY,
  toDay = LAST_DAY,
): Promise<{ priorDoses: PriorDoseDto[]; doseEstimates: DoseEstimateDto[] }> {
  return {
    priorDoses: await loadPriorDoses(manager, personId, fromDay, toDay),
    doseEstimates: await loadDoseEstimates(manager, personId, fromDay, toDay),
  };
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

/**
 * The calendar years from the first day a badge was assigned to the person to the last (today
 * while one is worn).
 */
export async function assignedYears(
  manager: EntityManager,
  personId: string,
  now: Date,
  timeZone: string,
): Promise<number[]> {
  const [row] = await manager.query<{ first: string | null; last: string | null }[]>(
    `SELECT min((valid_from AT TIME ZONE $2)::date)::text AS first,
            max((LEAST(COALESCE(valid_to, $3), $3) AT TIME ZONE $2)::date)::text AS last
       FROM badge_assignment WHERE person_id = $1 AND valid_from <= $3`,
    [personId, timeZone, now],
  );
  if (!row?.first || !row.last) return [];
  const years: number[] = [];
  for (let year = yearOf(row.first); year <= yearOf(row.last); year++) years.push(year);
  return years;
}

/** The years a record lists: those with dose, and those a badge was assigned in, in order. */
export async function recordYears(
  manager: EntityManager,
  personId: string,
  now: Date,
  timeZone: string,
  withDose: Iterable<number>,
): Promise<number[]> {
  const years = new Set([...withDose, ...(await assignedYears(manager, personId, now, timeZone))]);
  return [...years].sort((a, b) => a - b);
}
