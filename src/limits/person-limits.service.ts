import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { millisievertsToNanosieverts, nanosievertsToMillisieverts } from '../common/dose-units.js';
import { Person } from '../people/person.entity.js';
import type { PersonLimitDto, PutPersonLimitDto } from './dto/person-limit.dto.js';
import { PersonLimit } from './person-limit.entity.js';
import { markDosesChanged } from '../people/doses-changed.js';
import { assertPersonExists } from '../people/person-exists.js';
import type { Caller } from '../audit/caller.js';

/**
 * A person's own limits (DESIGN.md §5 "per person override"): each replaces their profile's
 * limit for the same quantity and period, or adds one the profile lacks.
 */
@Injectable()
export class PersonLimitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async put(personId: string, dto: PutPersonLimitDto, caller: Caller): Promise<PersonLimitDto> {
    return this.dataSource.transaction(async (manager) => {
      const person = await lockPerson(manager, personId);
      if (person.kind === 'patient')
        throw new BadRequestException(
          `Person ${personId} is a patient: dose limits do not apply to medical exposure`,
        );
      markDosesChanged(manager, [personId]);
      const key = { personId, quantity: dto.quantity, period: dto.period };
      const existing = await manager.findOneBy(PersonLimit, key);
      const limit = manager.create(PersonLimit, {
        ...key,
        limitNsv: millisievertsToNanosieverts(dto.limitMSv),
        reason: dto.reason,
      });
      await manager.save(limit);
      const after = toDto(limit);
      await this.record(manager, caller, 'person-limit.update', existing, after);
      return after;
    });
  }

  async remove(personId: string, quantity: string, period: string, caller: Caller): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockPerson(manager, personId);
      markDosesChanged(manager, [personId]);
      const existing = await manager.findOneBy(PersonLimit, { personId, quantity, period });
      if (!existing)
        throw new NotFoundException(`Person ${personId} has no own ${quantity} ${period} limit`);
      await manager.delete(PersonLimit, { personId, quantity, period });
      await this.record(manager, caller, 'person-limit.delete', existing, null);
    });
  }

  /** The person's own limits, each with its reason; 404 for an unknown person. */
  async findAll(personId: string): Promise<PersonLimitDto[]> {
    const manager = this.dataSource.manager;
    await assertPersonExists(manager, personId);
    const limits = await manager.find(PersonLimit, {
      where: { personId },
      order: { quantity: 'ASC', period: 'ASC' },
    });
    return limits.map(toDto);
  }

  private async record(
    manager: EntityManager,
    caller: Caller,
    action: string,
    before: PersonLimit | null,
    after: PersonLimitDto | null,
  ): Promise<void> {
    const limit = after ?? (before && toDto(before));
    if (!limit) return;
    await this.audit.record(manager, {
      caller,
      action,
      entity: 'person_limit',
      entityId: `${limit.personId}/${limit.quantity}/${limit.period}`,
      before: before ? toDto(before) : null,
      after,
    });
  }
}

/**
 * The person's row, locked for the transaction so their limits change one at a time, or 404.
 * FOR NO KEY UPDATE: ingestion's foreign-key checks on the person go on meanwhile.
 */
async function lockPerson(manager: EntityManager, personId: string): Promise<Person> {
  const person = await manager.findOne(Person, {
    where: { id: personId },
    lock: { mode: 'for_no_key_update' },
  });
  if (!person) throw new NotFoundException(`Person ${personId} not found`);
  return person;
}

function toDto(limit: PersonLimit): PersonLimitDto {
  return {
    personId: limit.personId,
    quantity: limit.quantity,
    period: limit.period,
    limitMSv: nanosievertsToMillisieverts(limit.limitNsv),
    reason: limit.reason,
  };
}
