import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../audit/caller.js';
import { IsNewPassword } from './new-password.js';

/** PATCH /users/:id (admin). Either change ends the login's sessions. */
export class UpdateUserDto {
  /** true: the login can no longer log in, and its tokens and alert streams end at once. */
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

/** POST /users/:id/password (admin): a new password; the login's sessions end. */
export class ResetPasswordDto {
  @IsNewPassword()
  password: string;
}

/** POST /me/password: the caller's own, proven by the current one; every session ends. */
export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword: string;

  @IsNewPassword()
  newPassword: string;
}
