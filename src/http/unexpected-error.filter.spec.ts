import { jest } from '@jest/globals';
import { Logger, type ArgumentsHost } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';
import { UnexpectedErrorFilter } from './unexpected-error.filter.js';

/** Runs the filter on `error` for a POST to /api/v1/people?name=…; returns the reply and the log. */
function handle(error: unknown): { status: number; body: unknown; log: string } {
  const replies: { status: number; body: unknown }[] = [];
  const adapter = {
    reply: (_res: unknown, body: unknown, status: number) => replies.push({ status, body }),
    isHeadersSent: () => false,
    end: () => undefined,
  } as unknown as AbstractHttpAdapter;
  const request = {
    method: 'POST',
    url: '/api/v1/people?name=Secret%20Name',
    route: { path: '/api/v1/people' },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request }),
    getArgByIndex: () => ({}),
  } as unknown as ArgumentsHost;
  const lines: unknown[] = [];
  jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => {
    lines.push(...args);
  });
  new UnexpectedErrorFilter(adapter).catch(error, host);
  jest.restoreAllMocks();
  return { ...replies[0], log: lines.map(String).join('\n') };
}

describe('UnexpectedErrorFilter', () => {
  it('logs a failed query by method, route and SQLSTATE, without its SQL or parameters', () => {
    const driverError = Object.assign(
      new Error('invalid input syntax for type uuid: "Secret Name"'),
      { code: '22P02' },
    );
    const error = new QueryFailedError(
      'INSERT INTO person (name, note) VALUES ($1, $2)',
      ['Secret Name', 'secret note'],
      driverError,
    );
    const { status, body, log } = handle(error);
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, message: 'Internal server error' });
    expect(log).toContain('POST /api/v1/people 500: QueryFailedError (SQLSTATE 22P02)');
    expect(log).not.toMatch(/Secret|secret|INSERT/);
  });

  it('answers a body parser client error with its status and no log line', () => {
    const error = Object.assign(new SyntaxError('"Secret Name" is not valid JSON'), {
      statusCode: 400,
    });
    const { status, log } = handle(error);
    expect(status).toBe(400);
    expect(log).toBe('');
  });
});
