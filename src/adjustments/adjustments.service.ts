import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { assertPersonExists } from '../people/person-exists.js';
import { AuditService } from '../audit/audit.service.js';
import { millisievertsToNanosieverts, nanosievertsToMillisieverts } from '../common/dose-units.js';
import { dayInZone } from '../calendar/facility-day.js';
import { AppConfig } from '../config/app-config.js';
import { adjustDayTotal } from '../ledger/daily-totals.js';
import { markDosesChanged } from '../people/doses-changed.js';
import { DoseAdjustment } from './dose-adjustment.entity.js';
import type { AdjustmentDto, CreateAdjustmentDto } from './dto/adjustment.dto.js';
import type { Caller } from '../audit/caller.js';

/**
 * Dose adjustments (DESIGN.md §7): appended, audited, added to the daily totals in the same
 * transaction (so exposure, alerts and reports count them at once), and announced to the
 * alert rules after the commit, for the quarter and year of the adjusted day as well.
 */
@Injectable()
export class AdjustmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async create(personId: string, dto: CreateAdjustmentDto, caller: Caller): Promise<AdjustmentDto> {
    const doseNsv = millisievertsToNanosieverts(dto.doseMSv);
    if (doseNsv === 0n) throw new BadRequestException('doseMSv must be at least 1 nSv (0.000001)');
    const reason = dto.reason.trim();
    if (reason === '') throw new BadRequestException('reason must not be empty');
    if (dto.date > dayInZone(new Date(), this.config.facilityTz))
      throw new BadRequestException('date must not be in the future');
    return this.dataSource.transaction(async (manager) => {
      await assertPersonExists(manager, personId);
      const adjustment = await manager.save(
        manager.create(DoseAdjustment, {
          personId,
          quantity: dto.quantity,
          doseNsv,
          day: dto.date,
          reason,
          kind: 'correction',
          authorId: caller.userId,
          author: caller.username,
          badgeSerial: null,
          assignmentId: null,
        }),
      );
      const dayTotal = await adjustDayTotal(
        manager,
        adjustment.personId,
        adjustment.quantity,
        adjustment.day,
        adjustment.doseNsv,
      );
      if (dayTotal < 0n)
        throw new BadRequestException(
          `The adjustment would take ${dto.quantity} dose of ${dto.date} below zero: ` +
            `${nanosievertsToMillisieverts(dayTotal - doseNsv)} mSv recorded that day`,
        );
      const after = toAdjustmentDto(adjustment);
      await this.audit.record(manager, {
        caller,
        action: 'adjustment.create',
        entity: 'dose_adjustment',
        entityId: adjustment.id,
        after,
      });
      markDosesChanged(manager, [personId], dto.date);
      return after;
    });
  }

  async findAll(personId: string): Promise<AdjustmentDto[]> {
    await assertPersonExists(this.dataSource.manager, personId);
    const rows = await this.dataSource.manager.find(DoseAdjustment, {
      where: { personId },
      // A prior dose or estimate books its quantities in one transaction, at one createdAt.
      order: { day: 'ASC', createdAt: 'ASC', quantity: 'ASC' },
    });
    return rows.map(toAdjustmentDto);
  }
}

export function toAdjustmentDto(
  adjustment: Pick<
    DoseAdjustment,
    | 'id'
    | 'personId'
    | 'quantity'
    | 'doseNsv'
    | 'day'
    | 'reason'
    | 'kind'
    | 'priorDoseId'
    | 'doseEstimateId'
    | 'badgeSerial'
    | 'assignmentId'
    | 'author'
    | 'createdAt'
  >,
): AdjustmentDto {
  return {
    id: adjustment.id,
    personId: adjustment.personId,
    badgeSerial: adjustment.badgeSerial,
    assignmentId: adjustment.assignmentId,
    quantity: adjustment.quantity,
    doseMSv: nanosievertsToMillisieverts(adjustment.doseNsv),
    date: adjustment.day,
    reason: adjustment.reason,
    kind: adjustment.kind,
    sourceId: adjustment.priorDoseId ?? adjustment.doseEstimateId ?? null,
    author: adjustment.author,
    createdAt: adjustment.createdAt.toISOString(),
  };
}
