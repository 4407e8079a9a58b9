import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { DeclarePregnancyDto, EndPregnancyDto, PregnancyDto } from './dto/pregnancy.dto.js';
import { Person } from './person.entity.js';
import { Pregnancy } from './pregnancy.entity.js';
import { markDosesChanged } from './doses-changed.js';
import type { Caller } from '../audit/caller.js';

/**
 * Declared pregnancies (DESIGN.md §5): while one runs, the profile's `pregnancy` limits apply,
 * counted from the declaration's facility day. A worker's declarations never overlap, so at
 * any instant at most one fetal limit applies; the person's row lock (FOR NO KEY UPDATE, so
 * ingestion is not held up) serialises the overlap check with the write.
 */
@Injectable()
export class PregnancyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async declare(personId: string, dto: DeclarePregnancyDto, caller: Caller): Promise<PregnancyDto> {
    const declaredAt = new Date(dto.declaredAt);
    const endsAt = dto.endsAt === undefined ? null : new Date(dto.endsAt);
    if (endsAt && endsAt <= declaredAt)
      throw new BadRequestException('endsAt must be later than declaredAt');
    return this.dataSource.transaction(async (manager) => {
      const person = await lockPerson(manager, personId);
      markDosesChanged(manager, [personId]);
      if (person.kind !== 'worker')
        throw new BadRequestException(
          `Person ${personId} is a ${person.kind}: only a worker declares a pregnancy`,
        );
      await refuseOverlap(manager, personId, declaredAt, endsAt, null);
      const pregnancy = await manager.save(
        manager.create(Pregnancy, { personId, declaredAt, endsAt }),
      );
      const after = toDto(pregnancy);
      await this.audit.record(manager, {
        caller,
        action: 'pregnancy.declare',
        entity: 'pregnancy',
        entityId: pregnancy.id,
        after,
      });
      return after;
    });
  }

  /** Sets (or corrects) the end of a declared pregnancy. */
  async end(
    personId: string,
    pregnancyId: string,
    dto: EndPregnancyDto,
    caller: Caller,
  ): Promise<PregnancyDto> {
    const endsAt = new Date(dto.endsAt);
    return this.dataSource.transaction(async (manager) => {
      await lockPerson(manager, personId);
      markDosesChanged(manager, [personId]);
      const pregnancy = await manager.findOneBy(Pregnancy, { id: pregnancyId, personId });
      if (!pregnancy)
        throw new NotFoundException(`Pregnancy ${pregnancyId} of person ${personId} not found`);
      if (endsAt <= pregnancy.declaredAt)
        throw new BadRequestException(
          `endsAt must be later than the declaration, ${pregnancy.declaredAt.toISOString()}`,
        );
      const before = toDto(pregnancy);
      if (pregnancy.endsAt?.getTime() === endsAt.getTime()) return before;
      await refuseOverlap(manager, personId, pregnancy.declaredAt, endsAt, pregnancy.id);
      await manager.update(Pregnancy, { id: pregnancy.id }, { endsAt });
      const after = toDto({ ...pregnancy, endsAt });
      await this.audit.record(manager, {
        caller,
        action: 'pregnancy.end',
        entity: 'pregnancy',
        entityId: pregnancy.id,
        before,
        after,
      });
      return after;
    });
  }

  async findAll(personId: string): Promise<PregnancyDto[]> {
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Person, { id: personId })))
      throw new NotFoundException(`Person ${personId} not found`);
    const pregnancies = await manager.find(Pregnancy, {
      where: { personId },
      order: { declaredAt: 'ASC' },
    });
    return pregnancies.map(toDto);
  }
}

async function lockPerson(manager: EntityManager, personId: string): Promise<Person> {
  const person = await manager.findOne(Person, {
    where: { id: personId },
    lock: { mode: 'for_no_key_update' },
  });
  if (!person) throw new NotFoundException(`Person ${personId} not found`);
  return person;
}

/** 409 when [declaredAt, endsAt) meets another declaration of the person. */
async function refuseOverlap(
  manager: EntityManager,
  personId: string,
  declaredAt: Date,
  endsAt: Date | null,
  exceptId: string | null,
): Promise<void> {
  const [other] = await manager.query<{ declared_at: Date }[]>(
    `SELECT declared_at FROM pregnancy
      WHERE person_id = $1 AND ($4::uuid IS NULL OR id <> $4)
        AND tstzrange(declared_at, ends_at, '[)') && tstzrange($2::timestamptz, $3::timestamptz, '[)')
      ORDER BY declared_at LIMIT 1`,
    [personId, declaredAt, endsAt, exceptId],
  );
  if (other)
    throw new ConflictException(
      `Person ${personId} has a declared pregnancy from ${other.declared_at.toISOString()} in that period`,
    );
}

function toDto(pregnancy: Pregnancy): PregnancyDto {
  return {
    id: pregnancy.id,
    personId: pregnancy.personId,
    declaredAt: pregnancy.declaredAt.toISOString(),
    endsAt: pregnancy.endsAt?.toISOString() ?? null,
  };
}
