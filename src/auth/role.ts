/** DESIGN.md §7: admin (users, settings), rso (everything dose-related), technician (own data). */
export const ROLES = ['admin', 'rso', 'technician'] as const;
export type Role = (typeof ROLES)[number];
