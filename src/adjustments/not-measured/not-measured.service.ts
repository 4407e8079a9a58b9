import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { Caller } from '../../audit/caller.js';
import { FIRST_DAY, LAST_DAY } from '../../calendar/days.js';
import { dayInZone } from '../../calendar/facility-day.js';
import {
  millisievertsToNanosieverts,
  nanosievertsToMillisieverts,
} from '../../common/dose-units.js';
import { AppConfig } from '../../config/app-config.js';
import { assertPersonExists } from '../../people/person-exists.js';
import type { DoseQuantitiesDto } from '../dto/dose-quantities.dto.js';
import type {
  CreateDoseEstimateDto,
  CreatePriorDoseDto,
  DoseEstimateDto,
  DoseQuantitiesMSv,
  PriorDoseDto,
} from '../dto/not-measured.dto.js';
import { DoseEstimate } from './dose-estimate.entity.js';
import { assertBookablePeriod, bookingDay, bookIntoLedger } from './ledger-booking.js';
import { dosesOf, NOT_MEASURED_QUANTITIES, recordDoses } from './not-measured-quantities.js';
import type { NotMeasuredRecord } from './not-measured-record.js';
import { PriorDose } from './prior-dose.entity.js';

/**
 * Dose no badge here measured (DESIGN.md §4): prior doses from other employers and estimates
 * for periods without a badge reading. Each is kept with its source or method, audited, and
 * booked into the ledger in the same transaction (ledger-booking.ts), so limits, alerts,
 * exposure and records count it at once.
 */
@Injectable()
export class NotMeasuredService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async createPriorDose(
    personId: string,
    dto: CreatePriorDoseDto,
    caller: Caller,
  ): Promise<PriorDoseDto> {
    const employer = nonBlank(dto.employer, 'employer');
    const sourceDocument = nonBlank(dto.sourceDocument, 'sourceDocument');
    this.assertPeriod(dto);
    return this.dataSource.transaction(async (manager) => {
      const [person] = await manager.query<{ kind: string }[]>(
        `SELECT kind FROM person WHERE id = $1`,
        [personId],
      );
      if (!person) throw new NotFoundException(`Person ${personId} not found`);
      // 10 CFR 20.2104 and 2013/59/Euratom Art. 43 concern occupational dose: workers only.
      if (person.kind !== 'worker')
        throw new BadRequestException(
          `Person ${personId} is a ${person.kind}: prior occupational dose is kept for workers`,
        );
      const record = await manager.save(
        manager.create(PriorDose, {
          ...this.recordFields(personId, dto, caller),
          employer,
          sourceDocument,
        }),
      );
      const reason = `Prior dose at ${employer}, ${record.from} to ${record.to} (${sourceDocument})`;
      return this.enter(manager, caller, {
        kind: 'priorDose',
        record,
        reason,
        entity: 'prior_dose',
        after: toPriorDoseDto(record),
      });
    });
  }

  async createEstimate(
    personId: string,
    dto: CreateDoseEstimateDto,
    caller: Caller,
  ): Promise<DoseEstimateDto> {
    const note = dto.note?.trim() || null;
    if (!note && (dto.method === 'other' || dto.reason === 'other'))
      throw new BadRequestException('note must say how or why when method or reason is other');
    this.assertPeriod(dto);
    return this.dataSource.transaction(async (manager) => {
      await assertPersonExists(manager, personId);
      const record = await manager.save(
        manager.create(DoseEstimate, {
          ...this.recordFields(personId, dto, caller),
          method: dto.method,
          reason: dto.reason,
          note,
        }),
      );
      const reason =
        `Estimate (badge ${record.reason}; method ${record.method}), ` +
        `${record.from} to ${record.to}${note ? `: ${note}` : ''}`;
      return this.enter(manager, caller, {
        kind: 'estimate',
        record,
        reason,
        entity: 'dose_estimate',
        after: toDoseEstimateDto(record),
      });
    });
  }

  async listPriorDoses(personId: string): Promise<PriorDoseDto[]> {
    await assertPersonExists(this.dataSource.manager, personId);
    return loadPriorDoses(this.dataSource.manager, personId);
  }

  async listEstimates(personId: string): Promise<DoseEstimateDto[]> {
    await assertPersonExists(this.dataSource.manager, personId);
    return loadDoseEstimates(this.dataSource.manager, personId);
  }

  /** Books a just-saved record into the ledger and audits it as `after`; returns `after`. */
  private async enter<T>(
    manager: EntityManager,
    caller: Caller,
    entry: {
      kind: 'priorDose' | 'estimate';
      record: NotMeasuredRecord;
      reason: string;
      entity: 'prior_dose' | 'dose_estimate';
      after: T;
    },
  ): Promise<T> {
    const { kind, record, reason, entity, after } = entry;
    await bookIntoLedger(manager, { kind, record, reason }, caller);
    await this.audit.record(manager, {
      caller,
      action: kind === 'priorDose' ? 'priorDose.create' : 'doseEstimate.create',
      entity,
      entityId: record.id,
      after,
    });
    return after;
  }

  private assertPeriod(dto: { from: string; to: string }): void {
    assertBookablePeriod(dto.from, dto.to, dayInZone(new Date(), this.config.facilityTz));
  }

  private recordFields(
    personId: string,
    dto: { from: string; to: string; quantities: DoseQuantitiesDto },
    caller: Caller,
  ) {
    const doses = Object.fromEntries(
      NOT_MEASURED_QUANTITIES.flatMap((quantity) => {
        const mSv = dto.quantities[quantity];
        return mSv === undefined || mSv === null
          ? []
          : [[quantity, millisievertsToNanosieverts(mSv)]];
      }),
    );
    return {
      personId,
      from: dto.from,
      to: dto.to,
      ...recordDoses(doses),
      authorId: caller.userId,
      author: caller.username,
    };
  }
}

/** A person's prior doses whose period ends within [fromDay, toDay], in order. */
export async function loadPriorDoses(
  manager: EntityManager,
  personId: string,
  fromDay = FIRST_DAY,
  toDay = LAST_DAY,
): Promise<PriorDoseDto[]> {
  const rows = await manager.find(PriorDose, endingWithin(personId, fromDay, toDay));
  return rows.map(toPriorDoseDto);
}

/** A person's dose estimates whose period ends within [fromDay, toDay], in order. */
export async function loadDoseEstimates(
  manager: EntityManager,
  personId: string,
  fromDay = FIRST_DAY,
  toDay = LAST_DAY,
): Promise<DoseEstimateDto[]> {
  const rows = await manager.find(DoseEstimate, endingWithin(personId, fromDay, toDay));
  return rows.map(toDoseEstimateDto);
}

/** Find options: a person's records whose period ends within [fromDay, toDay], in that order. */
const endingWithin = (personId: string, fromDay: string, toDay: string) => ({
  where: { personId, to: Between(fromDay, toDay) },
  order: { to: 'ASC' as const, createdAt: 'ASC' as const },
});

function nonBlank(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new BadRequestException(`${field} must not be empty`);
  return trimmed;
}

function commonFields(record: NotMeasuredRecord) {
  const quantities: DoseQuantitiesMSv = {};
  for (const [quantity, nsv] of dosesOf(record))
    quantities[quantity] = nanosievertsToMillisieverts(nsv);
  return {
    id: record.id,
    personId: record.personId,
    from: record.from,
    to: record.to,
    bookedOn: bookingDay(record),
    quantities,
    author: record.author,
    createdAt: record.createdAt.toISOString(),
  };
}

export function toPriorDoseDto(record: PriorDose): PriorDoseDto {
  return {
    ...commonFields(record),
    employer: record.employer,
    sourceDocument: record.sourceDocument,
  };
}

export function toDoseEstimateDto(record: DoseEstimate): DoseEstimateDto {
  return {
    ...commonFields(record),
    method: record.method,
    reason: record.reason,
    note: record.note,
  };
}
