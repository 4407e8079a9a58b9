import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity.js';
import type { Caller } from './caller.js';

export interface AuditRecord {
  caller: Caller;
  /** `<entity>.<verb>`, e.g. `badge.update`, `assignment.return`. */
  action: string;
  entity: string;
  entityId: string;
  /** Response DTOs (JSON-safe, no secrets), never entities: bigint and hashes stay out. */
  before?: unknown;
  after?: unknown;
}

/** Writes the append-only audit log (DESIGN.md §7). */
@Injectable()
export class AuditService {
  /**
   * Records a change inside the transaction that makes it (`manager`), so the change and its
   * audit entry commit or roll back together.
   */
  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    const row = manager.create(AuditEntry, {
      actorId: entry.caller.userId,
      actor: entry.caller.username,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
    });
    row.before = entry.before ?? null;
    row.after = entry.after ?? null;
    // `at` defaults to now(): the transaction's start, the moment the change took effect.
    await manager.save(row);
  }
}
