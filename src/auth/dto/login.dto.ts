import { IsString, MaxLength, MinLength } from 'class-validator';

/** The longest username a login may name (CreateUserDto allows 64 too). */
export const MAX_USERNAME_LENGTH = 64;

export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_USERNAME_LENGTH)
  username: string;

  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class LoginResponseDto {
  accessToken: string;
}
