import { applyDecorators } from '@nestjs/common';
import {
  IsString,
  MaxLength,
  MinLength,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { passwordPolicyProblems } from '../password-policy.js';

/**
 * password-policy.ts's rules as a validator: a 400 lists each rule the password breaks. The
 * username is the request's own `username` when it has one; a request about an existing login
 * (a reset, a change) is checked against that login's name by its service.
 */
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

/**
 * A password being set. NIST SP 800-63B §5.1.1.2: at least 8 characters; 12 here, and no
 * upper bound below 256; not a repeat, a run, the username or a common password
 * (password-policy.ts).
 */
export const IsNewPassword = () =>
  applyDecorators(IsString(), MinLength(12), MaxLength(256), Validate(PasswordPolicy));
