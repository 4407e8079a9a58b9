import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** 404 unless the person exists. */
export async function assertPersonExists(manager: EntityManager, personId: string): Promise<void> {
  const [person] = await manager.query<unknown[]>(`SELECT 1 FROM person WHERE id = $1`, [personId]);
  if (!person) throw new NotFoundException(`Person ${personId} not found`);
}
