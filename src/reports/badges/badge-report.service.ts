import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CALIBRATION_DUE_SOON_DAYS } from '../../limits/alert-thresholds.js';
import { silentSince } from '../../alerts/rules/badge-silent.js';
import { calibrationLevel } from '../../alerts/rules/calibration-due.js';
import { loadSilentBadges } from '../../alerts/scheduled-rules.js';
import { nanosievertsToMicrosieverts } from '../../common/dose-units.js';
import { dayInZone } from '../../calendar/facility-day.js';
import { AppConfig } from '../../config/app-config.js';
import type {
  BadgeReportDto,
  CalibrationDueDto,
  SilentBadgeDto,
  UnattributedReadingsDto,
  UnreturnedBadgeDto,
} from '../dto/badge-report.dto.js';
import type { Report } from '../report-format.js';
import { badgeReportDocument } from './badge-report-document.js';

/** Badges that need the RSO: silent, not returned, due for calibration, with unattributed readings. */
@Injectable()
export class BadgeReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async report(): Promise<Report<BadgeReportDto>> {
    const now = new Date();
    const json = await this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      asOf: now.toISOString(),
      silent: await this.silent(manager, now),
      unreturned: await unreturned(manager, now),
      calibrationDue: await calibrationDue(manager, now, dayInZone(now, this.config.facilityTz)),
      unattributed: await unattributed(manager),
      notes: [
        `Silent: assigned, active, no reading for more than BADGE_SILENT_AFTER (${this.config.badgeSilentAfterMs / 3_600_000} h; DESIGN.md §5).`,
        'Not returned: the badge is lost, damaged or retired but its assignment was never ended: end it, and estimate the dose missed with a dose adjustment.',
        `Calibration: past the calibration day, or within ${CALIBRATION_DUE_SOON_DAYS} days of it.`,
        'Unattributed: readings measured while no assignment covered the badge (DESIGN.md §3.3); assigning the badge for that time counts them.',
      ],
    }));
    return { json, document: () => badgeReportDocument(json) };
  }

  private async silent(manager: EntityManager, now: Date): Promise<SilentBadgeDto[]> {
    const quietBefore = new Date(now.getTime() - this.config.badgeSilentAfterMs);
    const badges = await loadSilentBadges(manager, now, quietBefore);
    const facts = await manager.query<{ serial: string; body_location: string; name: string }[]>(
      `SELECT b.serial, b.body_location, p.name FROM badge b, person p
        WHERE (b.serial, p.id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
      [badges.map((b) => b.serial), badges.map((b) => b.personId)],
    );
    const bySerial = new Map(facts.map((f) => [f.serial, f]));
    return badges
      .map((badge) => {
        const since = silentSince(badge);
        return {
          serial: badge.serial,
          bodyLocation: bySerial.get(badge.serial)?.body_location ?? '',
          personId: badge.personId,
          name: bySerial.get(badge.serial)?.name ?? '',
          silentSince: since.toISOString(),
          lastSeenAt: badge.lastSeenAt?.toISOString() ?? null,
          silentHours: Math.floor((now.getTime() - since.getTime()) / 3_600_000),
        };
      })
      .sort(
        (a, b) => a.silentSince.localeCompare(b.silentSince) || a.serial.localeCompare(b.serial),
      );
  }
}

async function unreturned(manager: EntityManager, now: Date): Promise<UnreturnedBadgeDto[]> {
  const rows = await manager.query<
    {
      serial: string;
      body_location: string;
      status: string;
      person_id: string;
      name: string;
      valid_from: Date;
      last_seen_at: Date | null;
    }[]
  >(
    `SELECT b.serial, b.body_location, b.status, w.person_id, p.name, w.valid_from, b.last_seen_at
       FROM badge b JOIN badge_assignment w ON w.badge_serial = b.serial
       JOIN person p ON p.id = w.person_id
      WHERE b.status <> 'active' AND w.valid_from <= $1 AND (w.valid_to IS NULL OR w.valid_to > $1)
      ORDER BY b.serial`,
    [now],
  );
  return rows.map((r) => ({
    serial: r.serial,
    bodyLocation: r.body_location,
    status: r.status,
    personId: r.person_id,
    name: r.name,
    assignedFrom: r.valid_from.toISOString(),
    lastSeenAt: r.last_seen_at?.toISOString() ?? null,
  }));
}

async function calibrationDue(
  manager: EntityManager,
  now: Date,
  today: string,
): Promise<CalibrationDueDto[]> {
  const rows = await manager.query<
    {
      serial: string;
      body_location: string;
      status: string;
      calibration_due: string;
      person_id: string | null;
      name: string | null;
    }[]
  >(
    `SELECT b.serial, b.body_location, b.status, b.calibration_due::text AS calibration_due, w.person_id, p.name
       FROM badge b
       LEFT JOIN badge_assignment w ON w.badge_serial = b.serial AND w.valid_from <= $1
                                   AND (w.valid_to IS NULL OR w.valid_to > $1)
       LEFT JOIN person p ON p.id = w.person_id
      WHERE b.status <> 'retired' AND b.calibration_due IS NOT NULL
      ORDER BY b.calibration_due, b.serial`,
    [now],
  );
  return rows.flatMap((r) => {
    const level = calibrationLevel(r.calibration_due, today);
    if (!level) return [];
    return [
      {
        serial: r.serial,
        bodyLocation: r.body_location,
        status: r.status,
        calibrationDue: r.calibration_due,
        overdue: today > r.calibration_due,
        personId: r.person_id,
        name: r.name,
      },
    ];
  });
}

async function unattributed(manager: EntityManager): Promise<UnattributedReadingsDto[]> {
  const rows = await manager.query<
    {
      serial: string;
      body_location: string | null;
      readings: number;
      first: Date;
      last: Date;
      hp10: string;
      hp007: string;
      hp3: string;
    }[]
  >(
    `SELECT r.badge_serial AS serial, b.body_location, count(*)::int AS readings,
            min(r.measured_at) AS first, max(r.measured_at) AS last,
            coalesce(sum(r.inc_hp10_nsv), 0)::text AS hp10, coalesce(sum(r.inc_hp007_nsv), 0)::text AS hp007,
            coalesce(sum(r.inc_hp3_nsv), 0)::text AS hp3
       FROM reading r LEFT JOIN badge b ON b.serial = r.badge_serial
      WHERE r.person_id IS NULL
      GROUP BY r.badge_serial, b.body_location ORDER BY r.badge_serial`,
  );
  return rows.map((r) => ({
    serial: r.serial,
    registered: r.body_location !== null,
    bodyLocation: r.body_location,
    readings: r.readings,
    firstMeasuredAt: r.first.toISOString(),
    lastMeasuredAt: r.last.toISOString(),
    hp10USv: nanosievertsToMicrosieverts(BigInt(r.hp10)),
    hp007USv: nanosievertsToMicrosieverts(BigInt(r.hp007)),
    hp3USv: nanosievertsToMicrosieverts(BigInt(r.hp3)),
  }));
}
