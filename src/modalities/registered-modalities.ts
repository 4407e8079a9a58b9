import type { EntityManager } from 'typeorm';
import type { ModalityKind } from './modality-fields.js';

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

/** The registered modality that calls with this DICOM AE title (DESIGN.md §3.5), if any. */
export async function modalityOfAeTitle(
  manager: EntityManager,
  aeTitle: string,
): Promise<{ id: string; kind: ModalityKind } | undefined> {
  const rows = await manager.query<{ id: string; kind: ModalityKind }[]>(
    `SELECT id, kind FROM modality WHERE ae_title = $1`,
    [aeTitle.trim()],
  );
  return rows[0];
}
