import { ConflictException, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import type { CreateUserDto, UserDto } from './dto/create-user.dto.js';
import { hashPassword } from './password.js';
import { User } from './user.entity.js';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly config: AppConfig,
  ) {}

  async create(dto: CreateUserDto): Promise<UserDto> {
    try {
      const user = await this.users.save(
        this.users.create({
          username: dto.username,
          passwordHash: await hashPassword(dto.password),
          role: dto.role,
          personId: dto.personId ?? null,
        }),
      );
      return toDto(user);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictException(`The username ${dto.username} is taken`);
      }
      throw error;
    }
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
    createdAt: user.createdAt.toISOString(),
  };
}
