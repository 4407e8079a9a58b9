import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccountLoginThrottle } from './account-login-throttle.js';
import { AccountStates } from './account-states.js';
import { AuthService } from './auth.service.js';
import type { ChangePasswordDto, ResetPasswordDto, UpdateUserDto } from './dto/account.dto.js';
import type { UserDto } from './dto/create-user.dto.js';
import type { LoginResponseDto } from './dto/login.dto.js';
import { hashPassword, verifyPassword } from './password.js';
import { passwordPolicyProblems } from './password-policy.js';
import { User } from './user.entity.js';
import { toDto } from './users.service.js';
import type { Caller } from '../audit/caller.js';

/**
 * A login's life after creation (DESIGN.md §7, §8): disabling, a new role, a password reset by
 * an admin or changed by its owner, logout. Each is audited, and each that ends sessions
 * raises the login's token version in its transaction; after the commit this replica forgets
 * the login at once, and the app_user trigger's notification makes every replica do so too
 * (AccountStates), which also ends the login's open alert streams.
 */
@Injectable()
export class AccountLifecycle {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
    private readonly states: AccountStates,
    private readonly auth: AuthService,
    private readonly throttle: AccountLoginThrottle,
  ) {}

  async update(id: string, dto: UpdateUserDto, caller: Caller): Promise<UserDto> {
    const after = await this.users.manager.transaction(async (manager) => {
      // The enabled admins are locked first, so two admins disabling each other take turns
      // and the second sees that no other admin would be left.
      const admins = await manager.query<{ id: string }[]>(
        `SELECT id FROM app_user WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
      );
      const user = await lockedUser(manager, id);
      const before = toDto(user);
      const role = dto.role ?? user.role;
      const disabled = dto.disabled ?? user.disabledAt !== null;
      if (role === user.role && disabled === (user.disabledAt !== null)) return before;
      if (role === 'technician' && !user.personId)
        throw new BadRequestException(
          'A technician login belongs to a person, and this login has none: create a new login',
        );
      const stillAdmin = role === 'admin' && !disabled;
      if (!stillAdmin && admins.every((admin) => admin.id === user.id))
        throw new ConflictException('At least one enabled admin login must remain');
      // Sessions end on disabling and on a new role (a token's role is the login's role).
      if (role !== user.role || (disabled && !user.disabledAt)) user.tokenVersion += 1;
      user.role = role;
      user.disabledAt = disabled ? (user.disabledAt ?? new Date()) : null;
      await manager.save(user);
      return this.audited(manager, caller, 'user.update', before, user);
    });
    this.states.forget(id);
    return after;
  }

  async resetPassword(id: string, dto: ResetPasswordDto, caller: Caller): Promise<void> {
    const target = await this.users.findOneBy({ id });
    if (!target) throw new NotFoundException(`User ${id} not found`);
    refuseWeak(dto.password, target.username);
    const passwordHash = await hashPassword(dto.password);
    await this.users.manager.transaction(async (manager) => {
      const user = await lockedUser(manager, id);
      const before = toDto(user);
      user.passwordHash = passwordHash;
      user.tokenVersion += 1;
      await manager.save(user);
      await this.audited(manager, caller, 'user.password.reset', before, user);
    });
    this.states.forget(id);
  }

  /**
   * The caller's own password, proven by the current one. A wrong current password counts as
   * a failed login of the account (AccountLoginThrottle): a stolen token cannot guess it
   * faster than a login could. Answers a token of the new version: the caller's other
   * sessions, and the token of this request, have ended.
   */
  async changeOwnPassword(caller: Caller, dto: ChangePasswordDto): Promise<LoginResponseDto> {
    const attempt = this.throttle.begin(caller.username, Date.now());
    if (!attempt.allowed)
      throw new HttpException(
        `Too many wrong passwords for this account; try again in ${Math.ceil(attempt.retryAfterMs / 1000)} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    const current = await this.users.findOneBy({ id: caller.userId });
    if (!current || !(await verifyPassword(current.passwordHash, dto.currentPassword)))
      throw new ForbiddenException('currentPassword is not the password of this login');
    attempt.release();
    if (dto.newPassword === dto.currentPassword)
      throw new BadRequestException('newPassword must differ from the current password');
    refuseWeak(dto.newPassword, current.username);
    const passwordHash = await hashPassword(dto.newPassword);
    const user = await this.users.manager.transaction(async (manager) => {
      const locked = await lockedUser(manager, caller.userId);
      const before = toDto(locked);
      locked.passwordHash = passwordHash;
      locked.tokenVersion += 1;
      await manager.save(locked);
      await this.audited(manager, caller, 'user.password.change', before, locked);
      return locked;
    });
    this.states.forget(user.id);
    return this.auth.issue(user);
  }

  /** Ends every session of the caller's login (DESIGN.md §7 allows the per-login version). */
  async logout(caller: Caller): Promise<void> {
    await this.users.manager.transaction(async (manager) => {
      const user = await lockedUser(manager, caller.userId);
      const before = toDto(user);
      user.tokenVersion += 1;
      await manager.save(user);
      await this.audited(manager, caller, 'user.logout', before, user);
    });
    this.states.forget(caller.userId);
  }

  /** Audits the change (no password hash: UserDto has none); returns the login's answer. */
  private async audited(
    manager: EntityManager,
    caller: Caller,
    action: string,
    before: UserDto,
    user: User,
  ): Promise<UserDto> {
    const after = toDto(user);
    await this.audit.record(manager, {
      caller,
      action,
      entity: 'user',
      entityId: user.id,
      before,
      after,
    });
    return after;
  }
}

async function lockedUser(manager: EntityManager, id: string): Promise<User> {
  const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!user) throw new NotFoundException(`User ${id} not found`);
  return user;
}

/** password-policy.ts against the login's own name: 400 listing the rules broken. */
function refuseWeak(password: string, username: string): void {
  const problems = passwordPolicyProblems(password, username);
  if (problems.length > 0) throw new BadRequestException(problems);
}
