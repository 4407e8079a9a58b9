import { NotFoundException } from '@nestjs/common';
import type { Caller } from '../audit/caller.js';

/**
 * DESIGN.md §7: an RSO reads everyone; a technician only their own person. Another
 * person's id answers 404, exactly as an unknown id does, so ids cannot be probed.
 */
export function assertMayReadPerson(caller: Caller, personId: string): void {
  if (caller.role === 'rso') return;
  if (caller.role === 'technician' && caller.personId === personId) return;
  throw new NotFoundException(`Person ${personId} not found`);
}

/** The technician's own person id (GET /me/...). */
export function ownPersonId(caller: Caller): string {
  if (!caller.personId) throw new NotFoundException('This login is not linked to a person');
  return caller.personId;
}
