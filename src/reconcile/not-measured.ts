import type { DataSource } from 'typeorm';
import { notMeasuredLedgerDifferences } from '../adjustments/not-measured/ledger-check.js';
import type { Discrepancy } from './reconcile.js';

/** Prior doses and estimates whose ledger entries are missing, extra or different. */
export async function reconcileNotMeasured(dataSource: DataSource): Promise<Discrepancy[]> {
  const differences = await notMeasuredLedgerDifferences(dataSource.manager);
  return differences.map((d) => ({
    check: 'notMeasured' as const,
    subject: `${d.kind} ${d.recordId} ${d.quantity}`,
    detail:
      d.bookedNsv === null
        ? `gives ${d.recordNsv} nSv, with no adjustment booking it`
        : `adjustment of ${d.bookedNsv} nSv for ${d.bookedFor} matches no dose the record gives`,
  }));
}
