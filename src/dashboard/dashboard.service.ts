import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Alert } from '../alerts/alert.entity.js';
import { toAlertDto } from '../alerts/dto/alert.dto.js';
import { nanosievertsToMillisieverts } from '../common/dose-units.js';
import type { DashboardDto, RankedPersonDto, SilentBadgeDto } from './dto/dashboard.dto.js';

const LATEST_ALERTS = 20;

/** The RSO's overview, from the maintained standings (no history summed per request). */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async dashboard(limit: number): Promise<DashboardDto> {
    const manager = this.dataSource.manager;
    const people = await manager.query<Record<string, string | number>[]>(
      `SELECT s.person_id, p.name, p.kind, s.fraction, s.quantity, s.period, s.value_nsv::text AS value_nsv,
              s.limit_nsv::text AS limit_nsv, s.as_of_day::text AS as_of_day
         FROM person_standing s JOIN person p ON p.id = s.person_id
        ORDER BY s.fraction DESC, s.person_id LIMIT $1`,
      [limit],
    );
    const levels = await manager.query<{ level: string; n: number }[]>(
      `SELECT level, count(*)::int AS n FROM alert WHERE state <> 'resolved' GROUP BY level`,
    );
    const latest = await manager.find(Alert, {
      where: [{ state: 'open' }, { state: 'acknowledged' }],
      order: { levelRank: 'DESC', updatedAt: 'DESC' },
      take: LATEST_ALERTS,
    });
    const silent = await manager.query<
      {
        badge_serial: string;
        person_id: string | null;
        id: string;
        level: string;
        raised_at: Date;
      }[]
    >(
      `SELECT badge_serial, person_id, id, level, raised_at FROM alert
        WHERE kind = 'badgeSilent' AND state <> 'resolved' ORDER BY raised_at`,
    );
    const [{ n: unattributed }] = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM reading WHERE person_id IS NULL`,
    );
    const byLevel = Object.fromEntries(levels.map((row) => [row.level, row.n]));
    return {
      asOf: new Date().toISOString(),
      people: people.map(toRanked),
      openAlerts: {
        total: levels.reduce((sum, row) => sum + row.n, 0),
        byLevel,
        latest: latest.map(toAlertDto),
      },
      silentBadges: silent.map((row): SilentBadgeDto => ({
        serial: row.badge_serial,
        personId: row.person_id,
        alertId: row.id,
        level: row.level,
        raisedAt: row.raised_at.toISOString(),
      })),
      unattributedReadings: unattributed,
    };
  }
}

function toRanked(row: Record<string, string | number>): RankedPersonDto {
  return {
    personId: String(row.person_id),
    name: String(row.name),
    kind: String(row.kind),
    fraction: Number(row.fraction),
    quantity: String(row.quantity),
    period: String(row.period),
    valueMSv: nanosievertsToMillisieverts(BigInt(row.value_nsv)),
    limitMSv: nanosievertsToMillisieverts(BigInt(row.limit_nsv)),
    asOfDay: String(row.as_of_day),
  };
}
