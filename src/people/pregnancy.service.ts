import {
  BadRequestException,
  ConflictException,
  Inject,
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
import {
  BADGE_REATTRIBUTION,
  badgesWornBy,
  reattributeWornBadges,
  type BadgeReattribution,
} from './badge-reattribution.js';
import { lockBadges } from '../database/badge-lock.js';
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
    @Inject(BADGE_REATTRIBUTION) private readonly reattribution: BadgeReattribution,
  ) {}

  async declare(personId: string, dto: DeclarePregnancyDto, caller: Caller): Promise<PregnancyDto> {
    const declaredAt = new Date(dto.declaredAt);
    const endsAt = dto.endsAt === undefined ? null : new Date(dto.endsAt);
    if (endsAt && endsAt <= declaredAt)
      throw new BadRequestException('endsAt must be later than declaredAt');
    const estimatedConception = dto.estimatedConception ?? null;
    if (estimatedConception && !plausibleConception(estimatedConception, declaredAt))
      throw new BadRequestException(
        `estimatedConception must be on or before the declaration and at most ${MAX_PREGNANCY_DAYS} days before it`,
      );
    return this.dataSource.transaction(async (manager) => {
      // Badges before the person, as ingestion takes them (people.service.ts).
      await lockBadges(manager, await badgesWornBy(manager, personId));
      const person = await lockPerson(manager, personId);
      // Dose since conception may be counted anew: its quarters are evaluated again.
      markDosesChanged(manager, [personId], estimatedConception ?? undefined);
      if (person.kind !== 'worker')
        throw new BadRequestException(
          `Person ${personId} is a ${person.kind}: only a worker declares a pregnancy`,
        );
      if (!estimatedConception && (await countsFromConception(manager, person.profile)))
        throw new BadRequestException(
          `Profile ${person.profile} counts the fetal dose over the whole pregnancy (10 CFR 20.1208(a)): estimatedConception is required`,
        );
      await refuseOverlap(manager, personId, declaredAt, endsAt, null);
      const pregnancy = await manager.save(
        manager.create(Pregnancy, { personId, declaredAt, estimatedConception, endsAt }),
      );
      const after = toDto(pregnancy);
      // Her readings within the pregnancy's counted period now give the fetal record.
      await reattributeWornBadges(manager, this.reattribution, personId);
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
      await lockBadges(manager, await badgesWornBy(manager, personId));
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
      // Readings after the new end leave the fetal record (or those up to it join it).
      await reattributeWornBadges(manager, this.reattribution, personId);
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

/**
 * The longest a pregnancy runs from conception that we accept: about 38 weeks typically
 * (266 days, Jukic et al., Hum Reprod 2013;28(10):2848-2855), with room for a late delivery
 * and an uncertain estimate. A plausibility bound against a mistyped year, our choice.
 */
const MAX_PREGNANCY_DAYS = 300;

function plausibleConception(day: string, declaredAt: Date): boolean {
  const conceived = Date.parse(`${day}T00:00:00Z`);
  const days = (declaredAt.getTime() - conceived) / 86_400_000;
  return days >= -1 && days <= MAX_PREGNANCY_DAYS;
}

/** Whether the profile counts the fetal dose from conception (dose_profile.pregnancy_from). */
async function countsFromConception(manager: EntityManager, profile: string): Promise<boolean> {
  const [row] = await manager.query<{ pregnancy_from: string }[]>(
    `SELECT pregnancy_from FROM dose_profile WHERE profile = $1`,
    [profile],
  );
  return row?.pregnancy_from === 'conception';
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
    estimatedConception: pregnancy.estimatedConception,
    endsAt: pregnancy.endsAt?.toISOString() ?? null,
  };
}
