import { Logger } from '@nestjs/common';

/** What a shutdown does, each step given by the process that runs it (main.ts). */
export interface ShutdownSteps {
  /** At once: readiness answers 503 from here on. */
  announce(): void;
  /**
   * Takes nothing new, commits what was taken in (or leaves it unacknowledged for the broker to
   * deliver again), closes the app and stops the embedded servers.
   */
  graceful(): Promise<void>;
  /** Stops at once what would outlive the process: the embedded Postgres. */
  force(): Promise<void>;
  /** The last resort, just before exiting: kills what is left of it. */
  killNow(): void;
}

/**
 * Time kept at the end of SHUTDOWN_TIMEOUT for stopping the embedded Postgres when the graceful
 * close has not finished: an immediate shutdown of Postgres takes it at most 5 s (its own
 * SIGKILL of sessions that ignore it, Postgres 14 and later). A quarter of a shorter timeout.
 */
const FORCE_RESERVE_MS = 5_000;

type Phase = 'running' | 'graceful' | 'forced';

/**
 * A shutdown bounded by SHUTDOWN_TIMEOUT, whatever hangs: the first SIGTERM/SIGINT turns
 * readiness 503 and starts the graceful close; if that has not finished by the timeout less a
 * reserve, or a second signal comes, the embedded Postgres is stopped at once and the process
 * exits 1; at the timeout it exits 1 in any case, the embedded Postgres killed first. A
 * reading's PUBACK goes out only after its commit (DESIGN.md §3.4), so whatever was cut short
 * was not acknowledged, and the broker delivers it again.
 */
export class Shutdown {
  private phase: Phase = 'running';

  constructor(
    private readonly steps: ShutdownSteps,
    private readonly timeoutMs: number,
    private readonly exit: (code: number) => void,
    private readonly logger = new Logger('Shutdown'),
  ) {}

  /** Installs the handlers; they stay installed, so a later signal never ends the process bare. */
  listen(): void {
    for (const name of ['SIGTERM', 'SIGINT'] as const) process.on(name, () => this.signal(name));
  }

  /** One SIGTERM or SIGINT. */
  signal(name: string): void {
    switch (this.phase) {
      case 'running':
        return this.begin(name);
      case 'graceful':
        return void this.force(`${name} during shutdown`);
      case 'forced':
        return this.logger.warn(`${name}: already stopping the embedded servers`);
    }
  }

  private begin(name: string): void {
    this.phase = 'graceful';
    this.steps.announce();
    const seconds = this.timeoutMs / 1000;
    this.logger.log(
      `${name}: finishing in-flight work and stopping (at most ${seconds} s, SHUTDOWN_TIMEOUT)`,
    );
    // Neither timer is unref'd: they are what ends a shutdown that hangs.
    const reserve = Math.min(FORCE_RESERVE_MS, this.timeoutMs / 4);
    setTimeout(
      () => void this.force(`Not stopped after ${(this.timeoutMs - reserve) / 1000} s`),
      this.timeoutMs - reserve,
    );
    setTimeout(() => {
      this.logger.error(`Not stopped after ${seconds} s: exiting now`);
      this.steps.killNow();
      this.exit(1);
    }, this.timeoutMs);
    this.steps.graceful().then(
      () => {
        if (this.phase === 'graceful') this.exit(0);
      },
      (error: unknown) => void this.force(`Shutdown failed (${String(error)})`),
    );
  }

  private async force(reason: string): Promise<void> {
    if (this.phase === 'forced') return;
    this.phase = 'forced';
    this.logger.warn(
      `${reason}: stopping the embedded Postgres now; what was not acknowledged, the broker delivers again`,
    );
    await this.steps.force().catch((error: unknown) => {
      this.logger.error(`Stopping the embedded Postgres failed: ${String(error)}`);
      this.steps.killNow();
    });
    this.exit(1);
  }
}
