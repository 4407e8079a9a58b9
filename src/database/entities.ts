import { AuditEntry } from '../audit/audit-entry.entity.js';
import { User } from '../auth/user.entity.js';
import { BadgeAssignment } from '../badges/badge-assignment.entity.js';
import { Badge } from '../badges/badge.entity.js';
import { RejectedMessage } from '../ingest/rejected-message.entity.js';
import { Person } from '../people/person.entity.js';
import { DailyDose } from '../readings/daily-dose.entity.js';
import { Reading } from '../readings/reading.entity.js';

/** Every entity, listed once: the app and the migration CLI see the same schema. */
export const entities = [
  User,
  Person,
  Badge,
  BadgeAssignment,
  Reading,
  DailyDose,
  RejectedMessage,
  AuditEntry,
];
