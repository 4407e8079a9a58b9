import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

/** The body of every error answer: Nest's HttpException shape (`{statusCode, message, error}`). */
export class ErrorDto {
  @ApiProperty({ example: 404 })
  statusCode: number;

  @ApiProperty({
    description: 'What went wrong; a list of messages when several request fields are invalid.',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  message: string | string[];

  @ApiProperty({ description: 'The status text, e.g. `Not Found`.', example: 'Not Found' })
  error: string;
}

/** The error answers of the API, each with the shared error body. */
export const API_ERRORS = {
  400: 'The request is malformed: a path parameter, query or body field fails validation.',
  401: 'No valid bearer token (missing, expired, or its login disabled or logged out).',
  403: "The caller's role may not use this route, or may not see this person.",
  404: 'The thing named in the path does not exist.',
  409: 'The change conflicts with what is recorded.',
  410: 'The route is gone.',
  413: 'The request body is larger than the server accepts.',
  429: 'Too many requests: wait for the time in `Retry-After`.',
} as const;

export type ApiErrorStatus = keyof typeof API_ERRORS;

/** Documents error answers of a route (or of every route of a controller). */
export const ApiErrors = (errors: Partial<Record<ApiErrorStatus, string>>) =>
  applyDecorators(
    ...Object.entries(errors).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, type: ErrorDto }),
    ),
  );

/** 409, saying what conflicts. */
export const ApiConflict = (description: string) => ApiErrors({ 409: description });
