import type { BadgeStatus } from '../badge-fields.js';
import type { BodyLocation } from '../../readings/body-location.js';
import type { ExtremitySide } from '../../common/quantities.js';

/** Baseline registers in µSv. */
export class BaselineValuesDto {
  hp10: number;
  hp007: number;
  hp3: number;
}

export class CurrentAssignmentDto {
  /** The assignment (PATCH /badges/:serial/assignments/:id corrects it). */
  id: string;
  personId: string;
  from: string;
  /** Apron worn meanwhile; null: not recorded. */
  apron: boolean | null;
}

export class BadgeDto {
  serial: string;
  bodyLocation: BodyLocation;
  /** An extremity badge's side; null when not known or not an extremity badge. */
  side: ExtremitySide | null;
  status: BadgeStatus;
  baseline: BaselineValuesDto;
  calibrationDue: string | null;
  lastSeenAt: string | null;
  battery: number | null;
  /** Who wears it now; null when nobody does. */
  currentAssignment: CurrentAssignmentDto | null;
}
