import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Caller } from '../auth/auth.decorators.js';
import { isPostgresError, UNIQUE_VIOLATION } from '../common/postgres-errors.js';
import type { CreatePersonDto, ListPeopleQueryDto } from './dto/create-person.dto.js';
import type { PersonDto } from './dto/person.dto.js';
import { Person } from './person.entity.js';

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreatePersonDto, caller: Caller): Promise<PersonDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const person = await manager.save(
          manager.create(Person, {
            kind: dto.kind,
            name: dto.name,
            employeeId: dto.employeeId ?? null,
            category: dto.category ?? 'adult',
            profile: dto.profile ?? 'eu',
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
      throw error;
    }
  }

  async findAll({ kind }: ListPeopleQueryDto): Promise<PersonDto[]> {
    const people = await this.dataSource.manager.find(Person, {
      where: kind ? { kind } : {},
      order: { name: 'ASC', id: 'ASC' },
    });
    return people.map(toDto);
  }

  async findOne(id: string): Promise<PersonDto> {
    const person = await this.dataSource.manager.findOneBy(Person, { id });
    if (!person) throw new NotFoundException(`Person ${id} not found`);
    return toDto(person);
  }
}

export function toDto(person: Person): PersonDto {
  return {
    id: person.id,
    kind: person.kind,
    name: person.name,
    employeeId: person.employeeId,
    category: person.category,
    profile: person.profile,
    createdAt: person.createdAt.toISOString(),
  };
}
