import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request } from 'express';

/**
 * Errors that are not Nest HTTP exceptions. Nest's own handler logged them whole: a
 * QueryFailedError printed with its SQL and every parameter (names, notes), a JSON syntax
 * error with a piece of the body. Here a 4xx from the Express layer (body parser) keeps its
 * status and message without a log line, and anything else is a plain 500 whose log line
 * says method, route pattern, status, error class and SQLSTATE, and the stack frames only.
 */
@Catch()
export class UnexpectedErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('HTTP');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof HttpException || host.getType() !== 'http')
      return super.catch(exception, host);
    const clientError = clientErrorStatus(exception);
    if (clientError !== undefined)
      return super.catch(
        new HttpException((exception as Error).message || 'Bad request', clientError),
        host,
      );
    const request = host.switchToHttp().getRequest<Request>();
    this.logger.error(describe(request, exception), stackFrames(exception));
    super.catch(new HttpException('Internal server error', 500), host);
  }
}

/** The status of an http-errors style client error (body-parser's), if `exception` is one. */
function clientErrorStatus(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** `POST /api/v1/people/:id 500: QueryFailedError (SQLSTATE 22021)`: no values, no query string. */
function describe(request: Request, exception: unknown): string {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  const name = exception instanceof Error ? exception.name : typeof exception;
  const code = (exception as { code?: unknown } | null)?.code;
  return (
    `${request.method} ${typeof route === 'string' ? route : '(no route)'} 500: ${name}` +
    (typeof code === 'string' ? ` (SQLSTATE ${code})` : '')
  );
}

/** The stack without its first line, which repeats the message (Postgres puts values there). */
function stackFrames(exception: unknown): string | undefined {
  if (!(exception instanceof Error) || exception.stack === undefined) return undefined;
  return exception.stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}
