import type { AlertCandidate } from './alert-candidate.js';

/** The instant facts of one committed reading that badge rules look at. */
export interface BadgeReading {
  serial: string;
  seq: bigint;
  measuredAt: Date;
  /** The wearer at measuredAt; null while unattributed. */
  personId: string | null;
  doseRateNsvH: bigint | null;
  battery: number | null;
  reset: boolean;
}

/** An alert to resolve by the system, by key, with the reason. */
export interface Clearing {
  key: string;
  note: string;
}

export interface BadgeRuleOutcome {
  raises: AlertCandidate[];
  clears: Clearing[];
}
