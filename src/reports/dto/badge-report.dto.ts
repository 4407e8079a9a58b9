/** An assigned, active badge quiet for longer than BADGE_SILENT_AFTER. */
export class SilentBadgeDto {
  serial: string;
  bodyLocation: string;
  personId: string;
  name: string;
  silentSince: string;
  lastSeenAt: string | null;
  silentHours: number;
}

/** A badge no longer in service (lost, damaged, retired) whose assignment was never ended. */
export class UnreturnedBadgeDto {
  serial: string;
  bodyLocation: string;
  status: string;
  personId: string;
  name: string;
  assignedFrom: string;
  lastSeenAt: string | null;
}

/** A badge in service past its calibration day or within 30 days of it. */
export class CalibrationDueDto {
  serial: string;
  bodyLocation: string;
  status: string;
  calibrationDue: string;
  overdue: boolean;
  personId: string | null;
  name: string | null;
}

/** Readings of one badge that nobody was wearing (by the assignments) when they were measured. */
export class UnattributedReadingsDto {
  serial: string;
  registered: boolean;
  bodyLocation: string | null;
  readings: number;
  firstMeasuredAt: string;
  lastMeasuredAt: string;
  /** Sums of the increments, µSv. */
  hp10USv: number;
  hp007USv: number;
  hp3USv: number;
}

export class BadgeReportDto {
  asOf: string;
  silent: SilentBadgeDto[];
  unreturned: UnreturnedBadgeDto[];
  calibrationDue: CalibrationDueDto[];
  unattributed: UnattributedReadingsDto[];
  notes: string[];
}
