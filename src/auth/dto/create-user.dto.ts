import {
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  IsDefined,
} from 'class-validator';
import { ROLES, type Role } from '../../audit/caller.js';

export class CreateUserDto {
  @Matches(/^[A-Za-z0-9._@-]{3,64}$/, { message: 'username must be 3-64 letters, digits or ._@-' })
  username: string;

  /** NIST SP 800-63B §5.1.1.2: at least 8 characters; 12 here, and no upper bound below 256. */
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password: string;

  @IsIn(ROLES)
  role: Role;

  /** A technician's login belongs to one person: the only exposure they may read. */
  @ValidateIf((dto: CreateUserDto) => dto.role === 'technician' || dto.personId !== undefined)
  @IsDefined({ message: 'personId is required for a technician' })
  @IsUUID()
  @IsOptional()
  personId?: string;
}

export class UserDto {
  id: string;
  username: string;
  role: Role;
  personId: string | null;
  createdAt: string;
}
