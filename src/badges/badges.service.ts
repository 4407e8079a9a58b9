import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { microsievertsToNanosieverts, nanosievertsToMicrosieverts } from '../common/dose-units.js';
import { isPostgresError, UNIQUE_VIOLATION } from '../common/postgres-errors.js';
import { AttributionService } from '../readings/attribution.service.js';
import { lockBadges } from '../database/badge-lock.js';
import { BadgeAssignment } from './badge-assignment.entity.js';
import { Badge } from './badge.entity.js';
import type { BadgeDto, CurrentAssignmentDto } from './dto/badge.dto.js';
import type { CreateBadgeDto } from './dto/create-badge.dto.js';
import type { UpdateBadgeDto } from './dto/update-badge.dto.js';
import type { Caller } from '../audit/caller.js';

/** The badge registry: registration, status and calibration (DESIGN.md §4, §8). */
@Injectable()
export class BadgesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly attribution: AttributionService,
  ) {}

  async create(dto: CreateBadgeDto, caller: Caller): Promise<BadgeDto> {
    try {
      if (dto.side && dto.bodyLocation !== 'extremity')
        throw new BadRequestException('side is for extremity badges only');
      return await this.dataSource.transaction(async (manager) => {
        // Ingestion may be holding readings for this serial: registering waits for it.
        await lockBadges(manager, [dto.serial]);
        // insert, not save: save would update a badge that already has this serial.
        await manager.insert(Badge, {
          serial: dto.serial,
          bodyLocation: dto.bodyLocation,
          side: dto.side ?? null,
          baselineHp10Nsv: microsievertsToNanosieverts(dto.baseline?.hp10 ?? 0),
          baselineHp007Nsv: microsievertsToNanosieverts(dto.baseline?.hp007 ?? 0),
          baselineHp3Nsv: microsievertsToNanosieverts(dto.baseline?.hp3 ?? 0),
          calibrationDue: dto.calibrationDue ?? null,
        });
        const after = toDto(await requireBadge(manager, dto.serial), null);
        await this.audit.record(manager, {
          caller,
          action: 'badge.create',
          entity: 'badge',
          entityId: dto.serial,
          after,
        });
        // Readings held for this serial (DESIGN.md §3.3) are counted from the new baseline.
        await this.attribution.reattributeBadge(manager, dto.serial);
        return toDto(await requireBadge(manager, dto.serial), null);
      });
    } catch (error) {
      if (isPostgresError(error, UNIQUE_VIOLATION))
        throw new ConflictException(`Badge ${dto.serial} is already registered`);
      throw error;
    }
  }

  async findAll(): Promise<BadgeDto[]> {
    const manager = this.dataSource.manager;
    const badges = await manager.find(Badge, { order: { serial: 'ASC' } });
    const current = await currentAssignments(manager);
    return badges.map((badge) => toDto(badge, current.get(badge.serial) ?? null));
  }

  /** The badges this person wears now (their current assignments), by serial. */
  async wornBy(personId: string): Promise<BadgeDto[]> {
    const manager = this.dataSource.manager;
    const current = await currentAssignments(manager);
    const serials = [...current].filter(([, a]) => a.personId === personId).map(([s]) => s);
    if (serials.length === 0) return [];
    const badges = await manager.find(Badge, {
      where: { serial: In(serials) },
      order: { serial: 'ASC' },
    });
    return badges.map((badge) => toDto(badge, current.get(badge.serial) ?? null));
  }

  async findOne(serial: string): Promise<BadgeDto> {
    const manager = this.dataSource.manager;
    const badge = await requireBadge(manager, serial);
    const current = await currentAssignments(manager, serial);
    return toDto(badge, current.get(serial) ?? null);
  }

  async update(serial: string, dto: UpdateBadgeDto, caller: Caller): Promise<BadgeDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockBadges(manager, [serial]);
      const badge = await requireBadge(manager, serial);
      const current = (await currentAssignments(manager, serial)).get(serial) ?? null;
      const before = toDto(badge, current);
      if (dto.status !== undefined) badge.status = dto.status;
      if (dto.calibrationDue !== undefined) badge.calibrationDue = dto.calibrationDue;
      const after = toDto(badge, current);
      if (before.status === after.status && before.calibrationDue === after.calibrationDue)
        return before;
      await manager.update(
        Badge,
        { serial },
        { status: badge.status, calibrationDue: badge.calibrationDue },
      );
      await this.audit.record(manager, {
        caller,
        action: 'badge.update',
        entity: 'badge',
        entityId: serial,
        before,
        after,
      });
      return after;
    });
  }
}

/** The badge, or 404. */
export async function requireBadge(manager: EntityManager, serial: string): Promise<Badge> {
  const badge = await manager.findOneBy(Badge, { serial });
  if (!badge) throw new NotFoundException(`Badge ${serial} is not registered`);
  return badge;
}

/** Who wears each badge (or the one given) now, by serial. */
async function currentAssignments(
  manager: EntityManager,
  serial?: string,
): Promise<Map<string, CurrentAssignmentDto>> {
  const query = manager
    .createQueryBuilder(BadgeAssignment, 'a')
    .where('a.validFrom <= :now', { now: new Date() })
    .andWhere('(a.validTo IS NULL OR a.validTo > :now)');
  if (serial !== undefined) query.andWhere('a.badgeSerial = :serial', { serial });
  const rows = await query.getMany();
  return new Map(
    rows.map((a) => [
      a.badgeSerial,
      { id: a.id, personId: a.personId, from: a.validFrom.toISOString(), apron: a.apron },
    ]),
  );
}

export function toDto(badge: Badge, current: CurrentAssignmentDto | null): BadgeDto {
  return {
    serial: badge.serial,
    bodyLocation: badge.bodyLocation,
    side: badge.side,
    status: badge.status,
    baseline: {
      hp10: nanosievertsToMicrosieverts(badge.baselineHp10Nsv),
      hp007: nanosievertsToMicrosieverts(badge.baselineHp007Nsv),
      hp3: nanosievertsToMicrosieverts(badge.baselineHp3Nsv),
    },
    calibrationDue: badge.calibrationDue,
    lastSeenAt: badge.lastSeenAt?.toISOString() ?? null,
    battery: badge.battery,
    currentAssignment: current,
  };
}
