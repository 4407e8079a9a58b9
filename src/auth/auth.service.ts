import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { LoginDto, LoginResponseDto } from './dto/login.dto.js';
import { hashPassword, verifyPassword } from './password.js';
import { User } from './user.entity.js';
import type { Role } from '../audit/caller.js';

export interface AccessTokenClaims {
  sub: string;
  username: string;
  role: Role;
  personId: string | null;
  /** The login's token version when issued: a token of an older version is refused. */
  ver: number;
}

@Injectable()
export class AuthService {
  /** Verified against when the username is unknown, so both failures take as long. */
  private readonly decoyHash = hashPassword('decoy password that matches nothing');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
  ) {}

  async login({ username, password }: LoginDto): Promise<LoginResponseDto> {
    const user = await this.users.findOneBy({ username: username.toLowerCase() });
    const ok = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !ok) throw new UnauthorizedException('Invalid username or password');
    // Said only to whoever knows the password: it tells a guesser nothing.
    if (user.disabledAt) throw new ForbiddenException('This login is disabled');
    return this.issue(user);
  }

  /** An access token for the login as it is now (its role and token version). */
  async issue(user: User): Promise<LoginResponseDto> {
    const claims: AccessTokenClaims = {
      sub: user.id,
      username: user.username,
      role: user.role,
      personId: user.personId,
      ver: user.tokenVersion,
    };
    return { accessToken: await this.jwt.signAsync(claims) };
  }
}
