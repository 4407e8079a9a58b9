import type { EntityManager } from 'typeorm';

/** Of the modality ids given, those an RSO registered. */
export async function registeredModalities(
  manager: EntityManager,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await manager.query<{ id: string }[]>(
    `SELECT id FROM modality WHERE id = ANY($1::text[])`,
    [ids],
  );
  return new Set(rows.map((row) => row.id));
}
