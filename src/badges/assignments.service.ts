import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { EXCLUSION_VIOLATION, isPostgresError } from '../common/postgres-errors.js';
import { Person } from '../people/person.entity.js';
import { AttributionService } from '../readings/attribution.service.js';
import { lockBadges } from '../database/badge-lock.js';
import { BadgeAssignment } from './badge-assignment.entity.js';
import { requireBadge } from './badges.service.js';
import type { AssignmentDto, CreateAssignmentDto, ReturnBadgeDto } from './dto/assignment.dto.js';
import type { UpdateAssignmentDto } from './dto/assignment-correction.dto.js';
import { AssignmentPeriods } from './assignment-periods.js';
import type { Caller } from '../audit/caller.js';

/**
 * Who wears a badge when. Each change holds the badge's lock (so ingestion of that badge waits)
 * and re-attributes its readings before committing, so totals follow the new periods. A new
 * assignment only takes held readings; a changed period may take readings from a record, which
 * only a correction may do (AssignmentPeriods).
 */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly attribution: AttributionService,
    private readonly periods: AssignmentPeriods,
  ) {}

  async create(serial: string, dto: CreateAssignmentDto, caller: Caller): Promise<AssignmentDto> {
    const from = new Date(dto.from);
    const to = dto.to === undefined ? null : new Date(dto.to);
    if (to && to <= from) throw new BadRequestException('to must be later than from');
    try {
      return await this.dataSource.transaction(async (manager) => {
        await lockBadges(manager, [serial]);
        const badge = await requireBadge(manager, serial);
        if (badge.status !== 'active')
          throw new ConflictException(
            `Badge ${serial} is ${badge.status}: only an active badge can be assigned`,
          );
        if (!(await manager.existsBy(Person, { id: dto.personId })))
          throw new NotFoundException(`Person ${dto.personId} not found`);
        if (dto.apron !== undefined) await refuseOtherApron(manager, dto, from, to);
        // The exclusion constraint, not a prior SELECT, refuses overlaps: it also holds
        // against writers that do not take the badge lock.
        const assignment = await manager.save(
          manager.create(BadgeAssignment, {
            badgeSerial: serial,
            personId: dto.personId,
            validFrom: from,
            validTo: to,
            apron: dto.apron ?? null,
          }),
        );
        const after = toDto(assignment);
        await this.auditAndReattribute(manager, caller, 'assignment.create', null, after);
        return after;
      });
    } catch (error) {
      if (isPostgresError(error, EXCLUSION_VIOLATION, 'badge_assignment_no_overlap'))
        throw new ConflictException(`Badge ${serial} is already assigned during that period`);
      throw error;
    }
  }

  /**
   * Ends the badge's open-ended assignment at `at`. Readings already attributed after `at`
   * make it a correction (AssignmentPeriods): refused without `correction`.
   */
  async returnBadge(serial: string, dto: ReturnBadgeDto, caller: Caller): Promise<AssignmentDto> {
    const at = new Date(dto.at);
    return this.dataSource.transaction(async (manager) => {
      await lockBadges(manager, [serial]);
      await requireBadge(manager, serial);
      // Periods never overlap, so a badge has at most one open-ended assignment.
      const open = await manager.findOneBy(BadgeAssignment, {
        badgeSerial: serial,
        validTo: IsNull(),
      });
      if (!open) throw new NotFoundException(`Badge ${serial} has no open assignment`);
      if (at <= open.validFrom)
        throw new BadRequestException(
          `at must be later than the assignment's start, ${open.validFrom.toISOString()}`,
        );
      return this.periods.change(manager, {
        assignment: open,
        period: { validFrom: open.validFrom, validTo: at },
        toDto,
        action: 'assignment.return',
        caller,
        correction: dto.correction,
      });
    });
  }

  /** A new start or end for one of the badge's assignments; a shortening is a correction. */
  async update(
    serial: string,
    id: string,
    dto: UpdateAssignmentDto,
    caller: Caller,
  ): Promise<AssignmentDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await lockBadges(manager, [serial]);
        await requireBadge(manager, serial);
        const assignment = await manager.findOneBy(BadgeAssignment, { id, badgeSerial: serial });
        if (!assignment) throw new NotFoundException(`Badge ${serial} has no assignment ${id}`);
        const from = dto.from === undefined ? assignment.validFrom : new Date(dto.from);
        const to =
          dto.to === undefined ? assignment.validTo : dto.to === null ? null : new Date(dto.to);
        if (to && to <= from) throw new BadRequestException('to must be later than from');
        return await this.periods.change(manager, {
          assignment,
          period: { validFrom: from, validTo: to },
          toDto,
          action: 'assignment.update',
          caller,
          correction: dto.correction,
        });
      });
    } catch (error) {
      if (isPostgresError(error, EXCLUSION_VIOLATION, 'badge_assignment_no_overlap'))
        throw new ConflictException(`Badge ${serial} is already assigned during that period`);
      throw error;
    }
  }

  async findAll(serial: string): Promise<AssignmentDto[]> {
    const manager = this.dataSource.manager;
    await requireBadge(manager, serial);
    const assignments = await manager.find(BadgeAssignment, {
      where: { badgeSerial: serial },
      order: { validFrom: 'ASC' },
    });
    return assignments.map(toDto);
  }

  /** Audits the change, then re-attributes the badge's readings to the new periods. */
  private async auditAndReattribute(
    manager: EntityManager,
    caller: Caller,
    action: string,
    before: AssignmentDto | null,
    after: AssignmentDto,
  ): Promise<void> {
    await this.audit.record(manager, {
      caller,
      action,
      entity: 'assignment',
      entityId: after.id,
      before,
      after,
    });
    await this.attribution.reattributeBadge(manager, after.badgeSerial);
  }
}

export function toDto(assignment: BadgeAssignment): AssignmentDto {
  return {
    id: assignment.id,
    badgeSerial: assignment.badgeSerial,
    personId: assignment.personId,
    from: assignment.validFrom.toISOString(),
    to: assignment.validTo?.toISOString() ?? null,
    apron: assignment.apron,
  };
}

/**
 * 409 when another of the person's assignments overlapping [from, to) says the opposite about
 * the apron: one person is in an apron or not, whichever badge says it.
 */
async function refuseOtherApron(
  manager: EntityManager,
  dto: CreateAssignmentDto,
  from: Date,
  to: Date | null,
): Promise<void> {
  const [other] = await manager.query<{ badge_serial: string }[]>(
    `SELECT badge_serial FROM badge_assignment
      WHERE person_id = $1 AND apron = NOT $2::boolean
        AND tstzrange(valid_from, valid_to, '[)') && tstzrange($3::timestamptz, $4::timestamptz, '[)')
      LIMIT 1`,
    [dto.personId, dto.apron, from, to],
  );
  if (other)
    throw new ConflictException(
      `Badge ${other.badge_serial}'s assignment to this person says apron ${String(!dto.apron)} in that period`,
    );
}
