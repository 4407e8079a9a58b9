import type { Role } from '../../audit/caller.js';

/**
 * GET /auth/session: who the bearer token speaks for, and the facility time zone the day,
 * quarter and year boundaries are drawn in (DESIGN.md §2), for the web UI to show dates in.
 */
export class SessionDto {
  username: string;
  role: Role;
  personId: string | null;
  facilityTz: string;
}
