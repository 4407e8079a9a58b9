import type { EntityManager } from 'typeorm';
import { NOT_MEASURED_QUANTITIES, NSV_COLUMNS } from './not-measured-quantities.js';

/** A prior dose's or estimate's quantity whose ledger entries disagree with it. */
export interface NotMeasuredLedgerDifference {
  kind: 'priorDose' | 'estimate';
  recordId: string;
  quantity: string;
  /** nSv the record gives for the quantity (null: nothing to book). */
  recordNsv: string | null;
  /** nSv its adjustment holds (null: no adjustment), and the person and day it is booked for. */
  bookedNsv: string | null;
  bookedFor: string | null;
}

const QUANTITY_ROWS = NOT_MEASURED_QUANTITIES.map((q) => `('${q}', r.${NSV_COLUMNS[q]})`).join(
  ', ',
);

/**
 * For reconcile: every prior dose and estimate against the adjustments that book it
 * (ledger-booking.ts). Each non-zero quantity must have exactly one adjustment of the record's
 * kind, for its person, on its booking day (the period's last), holding its dose; and no
 * such adjustment may point at a record that does not give that dose. The daily totals are
 * checked against the adjustments elsewhere (recompute-totals), so with this check every
 * record is in the totals exactly once. Read-only.
 */
export async function notMeasuredLedgerDifferences(
  manager: EntityManager,
): Promise<NotMeasuredLedgerDifference[]> {
  return manager.query<NotMeasuredLedgerDifference[]>(
    `WITH records AS (
       SELECT 'priorDose' AS kind, r.id, r.person_id, r.period_to AS day, q.quantity, q.nsv
         FROM prior_dose r CROSS JOIN LATERAL (VALUES ${QUANTITY_ROWS}) AS q(quantity, nsv)
        WHERE q.nsv <> 0
       UNION ALL
       SELECT 'estimate', r.id, r.person_id, r.period_to, q.quantity, q.nsv
         FROM dose_estimate r CROSS JOIN LATERAL (VALUES ${QUANTITY_ROWS}) AS q(quantity, nsv)
        WHERE q.nsv <> 0),
     booked AS (
       SELECT kind, coalesce(prior_dose_id, dose_estimate_id) AS id, person_id, day, quantity, dose_nsv AS nsv
         FROM dose_adjustment WHERE kind <> 'correction')
     SELECT coalesce(r.kind, b.kind) AS kind, coalesce(r.id, b.id) AS "recordId",
            coalesce(r.quantity, b.quantity) AS quantity, r.nsv::text AS "recordNsv",
            b.nsv::text AS "bookedNsv",
            CASE WHEN b.id IS NULL THEN NULL ELSE b.person_id || ' ' || b.day::text END AS "bookedFor"
       FROM records r FULL JOIN booked b
         ON b.kind = r.kind AND b.id = r.id AND b.quantity = r.quantity
        AND b.person_id = r.person_id AND b.day = r.day AND b.nsv = r.nsv
      WHERE r.id IS NULL OR b.id IS NULL
      ORDER BY 2, 3`,
  );
}
