/** DESIGN.md §7: admin (users, settings), rso (everything dose-related), technician (own data). */
export const ROLES = ['admin', 'rso', 'technician'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who makes a request, as its access token carries them: every change is recorded with its
 * caller (AuditService), and services decide what the caller may read. The auth guard fills it.
 */
export interface Caller {
  userId: string;
  username: string;
  role: Role;
  personId: string | null;
}
