import type { DataSource } from 'typeorm';
import { lastRegisterJoin } from '../readings/reading-store.js';
import { REGISTERS } from '../readings/registers.js';
import type { Discrepancy } from './reconcile.js';

/**
 * Every `badge_register` row against the readings it summarises: each register's highest
 * stored seq carrying it, and that reading's value. A wrong row would give an in-order batch
 * a wrong previous register, so a wrong increment.
 */
export async function reconcileRegisterState(dataSource: DataSource): Promise<Discrepancy[]> {
  const lateral = REGISTERS.map((register) => lastRegisterJoin(register, 't.serial'));
  const differs = REGISTERS.map(
    (register) =>
      `t.${register}_seq IS DISTINCT FROM ${register}.seq OR t.${register}_nsv IS DISTINCT FROM ${register}.nsv`,
  );
  const rows = await dataSource.query<{ serial: string }[]>(
    `SELECT t.serial FROM badge_register t ${lateral.join(' ')}
      WHERE ${differs.join(' OR ')} ORDER BY t.serial`,
  );
  return rows.map((row) => ({
    check: 'derivation',
    subject: `badge ${row.serial}`,
    detail: 'its last register values (badge_register) differ from its stored readings',
  }));
}
