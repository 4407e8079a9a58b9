import { BadRequestException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../../audit/caller.js';
import { ascending } from '../../common/sort-in-order.js';
import { yearOf } from '../../calendar/days.js';
import { adjustDayTotal } from '../../ledger/daily-totals.js';
import { markDosesChanged } from '../../people/doses-changed.js';
import { DoseAdjustment } from '../dose-adjustment.entity.js';
import { dosesOf } from './not-measured-quantities.js';
import type { NotMeasuredRecord } from './not-measured-record.js';

/**
 * A period of facility days that dose not measured here may cover: in order, not in the
 * future, and within one calendar year. The last rule because the dose is booked on one day
 * (bookingDay): a period across New Year would put one year's dose into the other's total,
 * while the annual limits (10 CFR 20.1201(a), 2013/59/Euratom Art. 9) and the prior dose a
 * licensee determines (10 CFR 20.2104(a)(1), "the current year") are per calendar year. Such
 * a period is entered as two.
 */
export function assertBookablePeriod(from: string, to: string, today: string): void {
  if (to < from) throw new BadRequestException('to must not be before from');
  if (yearOf(from) !== yearOf(to))
    throw new BadRequestException(
      'from and to must lie in one calendar year: enter a period across New Year as two',
    );
  if (to > today) throw new BadRequestException('to must not be in the future');
}

/**
 * The facility day a record's dose counts on: the period's last day. By then all of it was
 * received, so no period sum shows it before it could have happened; and a rolling window
 * (12 months, 5 years) keeps it for as long as it could keep any part of the period. The
 * quarter (ALARA levels) is the one the period ends in.
 */
export const bookingDay = (record: NotMeasuredRecord): string => record.to;

/**
 * Books each non-zero quantity of a just-saved prior dose or estimate into the ledger: one
 * dose adjustment of its kind, linked to it, added to its day's total like any adjustment
 * (so recompute-totals and reconcile count it), then the alert rules re-evaluate that day's
 * periods after the commit. Quantities go in key order (person, quantity, day), as ingestion
 * writes daily totals, so the two never wait on each other's rows in opposite orders.
 */
export async function bookIntoLedger(
  manager: EntityManager,
  entry: { kind: 'priorDose' | 'estimate'; record: NotMeasuredRecord; reason: string },
  caller: Caller,
): Promise<void> {
  const { kind, record, reason } = entry;
  const day = bookingDay(record);
  const doses = dosesOf(record)
    .filter(([, nsv]) => nsv > 0n)
    .sort(([a], [b]) => ascending(a, b));
  for (const [quantity, nsv] of doses) {
    await manager.save(
      manager.create(DoseAdjustment, {
        personId: record.personId,
        quantity,
        doseNsv: nsv,
        day,
        reason,
        kind,
        priorDoseId: kind === 'priorDose' ? record.id : null,
        doseEstimateId: kind === 'estimate' ? record.id : null,
        authorId: caller.userId,
        author: caller.username,
      }),
    );
    await adjustDayTotal(manager, record.personId, quantity, day, nsv);
  }
  if (doses.length > 0) markDosesChanged(manager, [record.personId], day);
}
