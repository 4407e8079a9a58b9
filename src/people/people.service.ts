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
import { AppConfig } from '../config/app-config.js';
import { pseudonymise } from './pseudonym.js';
import { isPostgresError, UNIQUE_VIOLATION } from '../common/postgres-errors.js';
import { lockBadges } from '../database/badge-lock.js';
import {
  BADGE_REATTRIBUTION,
  badgesWornBy,
  reattributeWornBadges,
  type BadgeReattribution,
} from './badge-reattribution.js';
import type { CreatePersonDto, ListPeopleQueryDto } from './dto/create-person.dto.js';
import type { PersonDto } from './dto/person.dto.js';
import type { UpdatePersonDto } from './dto/update-person.dto.js';
import { Person } from './person.entity.js';
import { markDosesChanged } from './doses-changed.js';
import { checkDateOfBirth, checkEuCategory } from './person-checks.js';
import { dayInZone } from '../calendar/facility-day.js';
import type { Caller } from '../audit/caller.js';

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(BADGE_REATTRIBUTION) private readonly reattribution: BadgeReattribution,
    private readonly config: AppConfig,
  ) {}

  private async patientPersonId(patientKey: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM person WHERE patient_key = $1`,
      [patientKey],
    );
    return row?.id;
  }

  async create(dto: CreatePersonDto, caller: Caller): Promise<PersonDto> {
    if (dto.patientId !== undefined && dto.kind !== 'patient')
      throw new BadRequestException('patientId is only for a person of kind patient');
    const patientKey =
      dto.patientId === undefined ? null : pseudonymise(this.config.patientIdSecret, dto.patientId);
    const facts = {
      kind: dto.kind,
      category: dto.category ?? 'adult',
      profile: dto.profile ?? 'eu',
      dateOfBirth: dto.dateOfBirth ?? null,
      euCategory: dto.euCategory ?? null,
    };
    checkDateOfBirth(facts.dateOfBirth, this.today());
    checkEuCategory(facts);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await requireLimits(manager, facts.profile, facts.category);
        const person = await manager.save(
          manager.create(Person, {
            ...facts,
            name: dto.name,
            employeeId: dto.employeeId ?? null,
            sex: dto.sex ?? null,
            idType: dto.idType ?? null,
            patientKey,
          }),
        );
        const after = toDto(person);
        await this.audit.record(manager, {
          caller,
          action: 'person.create',
          entity: 'person',
          entityId: person.id,
          after,
        });
        return after;
      });
    } catch (error) {
      if (isPostgresError(error, UNIQUE_VIOLATION, 'person_employee_id_key'))
        throw new ConflictException(`A person with employee id ${dto.employeeId} already exists`);
      if (patientKey && isPostgresError(error, UNIQUE_VIOLATION, 'person_patient_key_key'))
        throw new ConflictException(
          `This patient already has a record: person ${await this.patientPersonId(patientKey)}`,
        );
      throw error;
    }
  }

  private today(): string {
    return dayInZone(new Date(), this.config.facilityTz);
  }

  /**
   * Changes name, staff number, category, profile, date of birth or EU classification (each
   * changes the limits or rules the person is held to). A new profile brings a new two-badge
   * formula (DESIGN.md §4), so every badge the person wore is re-derived in the same
   * transaction and their totals follow it. The badges are locked before the person's row:
   * ingestion holds a badge lock while it writes rows that reference the person.
   */
  async update(id: string, dto: UpdatePersonDto, caller: Caller): Promise<PersonDto> {
    checkDateOfBirth(dto.dateOfBirth, this.today());
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (dto.profile !== undefined) await lockBadges(manager, await badgesWornBy(manager, id));
        const person = await manager.findOne(Person, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!person) throw new NotFoundException(`Person ${id} not found`);
        // Each of these changes the limits, or the rules, the person is held to.
        if (
          dto.category !== undefined ||
          dto.profile !== undefined ||
          dto.dateOfBirth !== undefined ||
          dto.euCategory !== undefined
        )
          markDosesChanged(manager, [id]);
        const before = toDto(person);
        const changes: Partial<Person> = {};
        if (dto.name !== undefined && dto.name !== person.name) changes.name = dto.name;
        if (dto.employeeId !== undefined && dto.employeeId !== person.employeeId)
          changes.employeeId = dto.employeeId;
        if (dto.category !== undefined && dto.category !== person.category)
          changes.category = dto.category;
        if (dto.profile !== undefined && dto.profile !== person.profile)
          changes.profile = dto.profile;
        if (dto.dateOfBirth !== undefined && dto.dateOfBirth !== person.dateOfBirth)
          changes.dateOfBirth = dto.dateOfBirth;
        if (dto.euCategory !== undefined && dto.euCategory !== person.euCategory)
          changes.euCategory = dto.euCategory;
        if (dto.sex !== undefined && dto.sex !== person.sex) changes.sex = dto.sex;
        if (dto.idType !== undefined && dto.idType !== person.idType) changes.idType = dto.idType;
        if (Object.keys(changes).length === 0) return before;
        checkEuCategory(
          { ...person, ...changes },
          changes.profile !== undefined && dto.euCategory === undefined,
        );
        if (changes.profile !== undefined || changes.category !== undefined)
          await requireLimits(
            manager,
            changes.profile ?? person.profile,
            changes.category ?? person.category,
          );
        await manager.update(Person, { id }, changes);
        const after = toDto({ ...person, ...changes });
        await this.audit.record(manager, {
          caller,
          action: 'person.update',
          entity: 'person',
          entityId: id,
          before,
          after,
        });
        if (changes.profile !== undefined) {
          // Read again under the person's lock: an assignment made meanwhile is included.
          await reattributeWornBadges(manager, this.reattribution, id);
        }
        return after;
      });
    } catch (error) {
      if (isPostgresError(error, UNIQUE_VIOLATION, 'person_employee_id_key'))
        throw new ConflictException(`A person with employee id ${dto.employeeId} already exists`);
      throw error;
    }
  }

  async findAll({ kind, q }: ListPeopleQueryDto): Promise<PersonDto[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(Person, 'p')
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC');
    if (kind) query.andWhere('p.kind = :kind', { kind });
    if (q !== undefined) {
      // A LIKE pattern matching the text as typed: %, _ and \ in it are not wildcards.
      const pattern = `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        `(p.name ILIKE :pattern OR p.employeeId ILIKE :pattern OR EXISTS (
          SELECT 1 FROM badge_assignment a WHERE a.person_id = p.id AND a.badge_serial ILIKE :pattern))`,
        { pattern },
      );
    }
    return (await query.getMany()).map(toDto);
  }

  async findOne(id: string): Promise<PersonDto> {
    const person = await this.dataSource.manager.findOneBy(Person, { id });
    if (!person) throw new NotFoundException(`Person ${id} not found`);
    return toDto(person);
  }
}

/**
 * Refuses a profile and category without limits (e.g. `eu` has `apprentice`, not `minor`):
 * such a person would silently have no limit to be compared with and no dose-limit alert.
 */
async function requireLimits(
  manager: EntityManager,
  profile: string,
  category: string,
): Promise<void> {
  const [found] = await manager.query<unknown[]>(
    `SELECT 1 FROM dose_limit WHERE profile = $1 AND category = $2 LIMIT 1`,
    [profile, category],
  );
  if (!found)
    throw new BadRequestException(
      `Limit profile ${profile} has no limits for category ${category}`,
    );
}

export function toDto(person: Person): PersonDto {
  return {
    id: person.id,
    kind: person.kind,
    name: person.name,
    employeeId: person.employeeId,
    category: person.category,
    profile: person.profile,
    dateOfBirth: person.dateOfBirth,
    euCategory: person.euCategory,
    sex: person.sex,
    idType: person.idType,
    createdAt: person.createdAt.toISOString(),
  };
}
