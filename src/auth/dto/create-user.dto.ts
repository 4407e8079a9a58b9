import { IsIn, IsUUID, Matches, ValidateIf, IsDefined } from 'class-validator';
import { ROLES, type Role } from '../../audit/caller.js';
import { IsNewPassword } from './new-password.js';

export class CreateUserDto {
  @Matches(/^[A-Za-z0-9._@-]{3,64}$/, { message: 'username must be 3-64 letters, digits or ._@-' })
  username: string;

  @IsNewPassword()
  password: string;

  @IsIn(ROLES)
  role: Role;

  /**
   * A technician's login belongs to one person: the only exposure they may read. Checked for a
   * technician always, for the other roles only when given (IsOptional would skip the check for
   * a technician without one, creating a login that can read nothing).
   */
  @ValidateIf(
    (dto: CreateUserDto) =>
      dto.role === 'technician' || (dto.personId !== undefined && dto.personId !== null),
  )
  @IsDefined({ message: 'personId is required for a technician' })
  @IsUUID()
  personId?: string;
}

export class UserDto {
  id: string;
  username: string;
  role: Role;
  personId: string | null;
  /** When an admin disabled the login; null while it may log in. */
  disabledAt: string | null;
  createdAt: string;
}
