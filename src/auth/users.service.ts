import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import {
  FOREIGN_KEY_VIOLATION,
  isPostgresError,
  UNIQUE_VIOLATION,
} from '../common/postgres-errors.js';
import { AppConfig } from '../config/app-config.js';
import type { CreateUserDto, UserDto } from './dto/create-user.dto.js';
import { hashPassword } from './password.js';
import { User } from './user.entity.js';
import type { Caller } from '../audit/caller.js';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateUserDto, caller: Caller): Promise<UserDto> {
    // Hashed outside the transaction: Argon2 is slow on purpose; the transaction stays short.
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.users.manager.transaction(async (manager) => {
        const user = await manager.save(
          manager.create(User, {
            username: dto.username,
            passwordHash,
            role: dto.role,
            personId: dto.personId ?? null,
          }),
        );
        const after = toDto(user);
        await this.audit.record(manager, {
          caller,
          action: 'user.create',
          entity: 'user',
          entityId: user.id,
          after,
        });
        return after;
      });
    } catch (error) {
      if (isPostgresError(error, UNIQUE_VIOLATION, 'app_user_username_key'))
        throw new ConflictException(`The username ${dto.username} is taken`);
      if (isPostgresError(error, FOREIGN_KEY_VIOLATION, 'app_user_person_fk'))
        throw new NotFoundException(`Person ${dto.personId} not found`);
      throw error;
    }
  }

  async findAll(): Promise<UserDto[]> {
    return (await this.users.find({ order: { username: 'ASC' } })).map(toDto);
  }

  /** The first admin: from ADMIN_USERNAME/ADMIN_PASSWORD, or a random password shown once. */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.existsBy({ role: 'admin' })) return;
    const password = this.config.adminPassword ?? randomBytes(18).toString('base64url');
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .values({
        username: this.config.adminUsername.toLowerCase(),
        passwordHash: await hashPassword(password),
        role: 'admin',
      })
      .orIgnore()
      .execute();
    if (inserted.identifiers.length === 0) return;
    if (this.config.adminPassword) {
      this.logger.log(`Created the first admin "${this.config.adminUsername}" from ADMIN_PASSWORD`);
    } else {
      // Printed once, to the console only: it is not stored anywhere in clear.
      process.stdout.write(
        `\nFirst admin created. Username: ${this.config.adminUsername}  Password: ${password}\n` +
          'This password is shown only now.\n\n',
      );
    }
  }
}

export function toDto(user: User): UserDto {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    personId: user.personId,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
