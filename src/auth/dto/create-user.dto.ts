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
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { ROLES, type Role } from '../../audit/caller.js';
import { passwordPolicyProblems } from '../password-policy.js';

/** password-policy.ts's rules as a validator: a 400 lists each rule the password breaks. */
@ValidatorConstraint({ name: 'passwordPolicy' })
class PasswordPolicy implements ValidatorConstraintInterface {
  validate(password: unknown, args: ValidationArguments): boolean {
    return typeof password !== 'string' || this.problems(password, args).length === 0;
  }

  defaultMessage(args: ValidationArguments): string {
    return this.problems(args.value as string, args).join('; ');
  }

  private problems(password: string, args: ValidationArguments): string[] {
    const { username } = args.object as { username?: unknown };
    return passwordPolicyProblems(password, typeof username === 'string' ? username : undefined);
  }
}

export class CreateUserDto {
  @Matches(/^[A-Za-z0-9._@-]{3,64}$/, { message: 'username must be 3-64 letters, digits or ._@-' })
  username: string;

  /**
   * NIST SP 800-63B §5.1.1.2: at least 8 characters; 12 here, and no upper bound below 256;
   * not a repeat, a run, the username or a common password (password-policy.ts).
   */
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  @Validate(PasswordPolicy)
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
