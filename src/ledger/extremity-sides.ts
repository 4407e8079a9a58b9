import type { ExtremitySide, Quantity } from '../common/quantities.js';

/**
 * The extremity record is the MOST exposed extremity, not the sum of the badges worn on them
 * (DESIGN.md §4; 10 CFR 20.1201(a)(2)(ii) limits the dose "to the skin of ANY extremity", and
 * 2013/59/Euratom Art. 9(3)(c) the dose to the extremities per extremity). A maximum does not
 * add up over days, so the ledger keeps each side's dose under a quantity of its own and the
 * record is taken per period, after the sums: `extremity` (a badge whose side is not known),
 * `extremity.left`, `extremity.right`. A badge without a side may have been on either hand, so
 * it counts towards both: record = unsided + max(left, right). With unsided badges only, that
 * is the sum of their doses, as before sides were kept.
 */
const SIDE_KEYS: Record<ExtremitySide, string> = {
  left: 'extremity.left',
  right: 'extremity.right',
};

/** The ledger's quantity for a reading's dose of `quantity` from a badge on `side`. */
export function ledgerQuantity(quantity: Quantity, side: ExtremitySide | null): string {
  return quantity === 'extremity' && side ? SIDE_KEYS[side] : quantity;
}

/** Whether a ledger quantity is one side's extremity dose (folded into `extremity`). */
export function isSideQuantity(ledgerKey: string): boolean {
  return ledgerKey === SIDE_KEYS.left || ledgerKey === SIDE_KEYS.right;
}

/** The record quantity a ledger quantity feeds. */
export function recordQuantityOf(ledgerKey: string): string {
  return isSideQuantity(ledgerKey) ? 'extremity' : ledgerKey;
}

/**
 * One period's record quantities from its ledger sums: the sides folded into `extremity`
 * (unsided + the larger side), everything else as it is.
 */
export function recordQuantities(ledger: ReadonlyMap<string, bigint>): Map<string, bigint> {
  const record = new Map<string, bigint>();
  for (const [key, nsv] of ledger) if (!isSideQuantity(key)) record.set(key, nsv);
  const left = ledger.get(SIDE_KEYS.left) ?? 0n;
  const right = ledger.get(SIDE_KEYS.right) ?? 0n;
  if (ledger.has(SIDE_KEYS.left) || ledger.has(SIDE_KEYS.right))
    record.set('extremity', (record.get('extremity') ?? 0n) + (left > right ? left : right));
  return record;
}
