import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Shutdown, type ShutdownSteps } from './shutdown.js';

/**
 * The shutdown's order and bounds on a fake clock. SHUTDOWN_TIMEOUT 20 s: the embedded Postgres
 * is stopped at once 5 s before it (the reserve) if the graceful close has not finished, and
 * the process exits at 20 s in any case.
 */
describe('Shutdown: bounded by SHUTDOWN_TIMEOUT, never leaving the embedded Postgres', () => {
  const TIMEOUT_MS = 20_000;
  let calls: string[];
  let settle: { graceful?: (error?: Error) => void; force?: () => void };

  beforeEach(() => {
    jest.useFakeTimers();
    calls = [];
    settle = {};
  });
  afterEach(() => jest.useRealTimers());

  function start(): Shutdown {
    const steps: ShutdownSteps = {
      announce: () => void calls.push('announce'),
      graceful: () => {
        calls.push('graceful');
        return new Promise((resolve, reject) => {
          settle.graceful = (error) => (error ? reject(error) : resolve());
        });
      },
      force: () => {
        calls.push('force');
        return new Promise((resolve) => (settle.force = resolve));
      },
      killNow: () => void calls.push('killNow'),
    };
    const quiet = new Logger('Shutdown');
    for (const level of ['log', 'warn', 'error'] as const)
      jest.spyOn(quiet, level).mockImplementation(() => undefined);
    return new Shutdown(steps, TIMEOUT_MS, (code) => void calls.push(`exit ${code}`), quiet);
  }

  it('turns readiness 503 before anything else, and exits 0 once the graceful close is done', async () => {
    start().signal('SIGTERM');
    expect(calls).toEqual(['announce', 'graceful']);
    settle.graceful?.();
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['announce', 'graceful', 'exit 0']);
  });

  it('stops the embedded Postgres at once when the graceful close outlasts the timeout less the reserve', async () => {
    start().signal('SIGTERM');
    await jest.advanceTimersByTimeAsync(TIMEOUT_MS - 5_000 - 1);
    expect(calls).toEqual(['announce', 'graceful']);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['announce', 'graceful', 'force']);
    settle.force?.();
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['announce', 'graceful', 'force', 'exit 1']);
    settle.graceful?.(); // finishing late changes nothing
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).not.toContain('exit 0');
  });

  it('kills the embedded Postgres and exits at the timeout when stopping it hangs too', async () => {
    start().signal('SIGTERM');
    await jest.advanceTimersByTimeAsync(TIMEOUT_MS - 1);
    expect(calls).toEqual(['announce', 'graceful', 'force']);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['announce', 'graceful', 'force', 'killNow', 'exit 1']);
  });

  it('goes straight to stopping the embedded Postgres on a second signal, and ignores a third', async () => {
    const shutdown = start();
    shutdown.signal('SIGTERM');
    shutdown.signal('SIGINT');
    expect(calls).toEqual(['announce', 'graceful', 'force']);
    shutdown.signal('SIGTERM');
    expect(calls).toEqual(['announce', 'graceful', 'force']);
    settle.force?.();
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['announce', 'graceful', 'force', 'exit 1']);
  });

  it('stops the embedded Postgres at once when the graceful close fails', async () => {
    start().signal('SIGTERM');
    settle.graceful?.(new Error('database gone'));
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['announce', 'graceful', 'force']);
    settle.force?.();
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['announce', 'graceful', 'force', 'exit 1']);
  });
});
