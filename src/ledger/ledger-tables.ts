/**
 * The ledger's tables it deletes rows from (ledger-statements.ts: the rebuild of the totals and
 * the closing of months and years): the service's role may delete from these
 * (src/database/service-grants.ts).
 */
export const LEDGER_TABLES_DELETED_FROM: readonly string[] = [
  'daily_dose',
  'dose_month_total',
  'dose_year_total',
];
