/**
 * `npm run simulate -- --badges 50 --rate 10`: publishes simulated dosimeter readings to the
 * broker until --count, --duration or SIGINT/SIGTERM, then waits for the acknowledgements and
 * prints each badge's true dose. `--help` lists the options. Exit codes: 0 done, 1 broker
 * trouble (unreachable, refused or unacknowledged messages), 2 a bad option.
 */
import { randomBytes } from 'node:crypto';
import { OptionsError, parseOptions, type SimulatorOptions } from './options.js';
import { Publisher } from './publisher.js';
import { Simulation } from './simulation.js';
import { formatSummary } from './summary.js';
import { USAGE } from './usage.js';

const DRAIN_TIMEOUT_MS = 30_000;
const PROGRESS_EVERY_MS = 5_000;
/** New readings wait while this many messages are queued or unacknowledged (slow broker). */
const MAX_BACKLOG = 10_000;

async function main(argv: string[]): Promise<number> {
  let options: SimulatorOptions;
  try {
    const command = parseOptions(argv);
    if (command.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    options = command.options;
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    process.stderr.write(`simulate: ${error.message}\nRun with --help for the options.\n`);
    return 2;
  }
  const seed = options.seed ?? randomBytes(4).toString('hex');
  const warn = (line: string) => process.stderr.write(`${line}\n`);
  const log = options.quiet ? () => undefined : warn;

  let publisher: Publisher;
  try {
    publisher = await Publisher.connect(options, warn);
  } catch (error) {
    process.stderr.write(`simulate: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const startMs = Date.now();
  const simulation = new Simulation({ ...options, seed }, startMs);
  log(`publishing ${options.badges} badges × ${options.rate}/s to ${options.url} (seed ${seed})`);

  const reason = await runUntilStopped(simulation, publisher, options, log);
  for (const message of simulation.finish()) publisher.send(message.topic, message.payload);
  const drained = await publisher.drain(DRAIN_TIMEOUT_MS);
  const unacknowledged = publisher.backlog;
  await publisher.close();

  const { published, acknowledged, failed } = publisher;
  const elapsedMs = Date.now() - startMs;
  const stats = { reason, seed, elapsedMs, published, acknowledged, failed };
  process.stdout.write(`${formatSummary(simulation, stats)}\n`);
  if (!drained) process.stderr.write(`simulate: ${unacknowledged} messages unacknowledged\n`);
  if (publisher.failed > 0)
    process.stderr.write(`simulate: last failure: ${publisher.lastError}\n`);
  return drained && publisher.failed === 0 ? 0 : 1;
}

/** Publishes on schedule; resolves with the reason for stopping. A second signal exits at once. */
function runUntilStopped(
  simulation: Simulation,
  publisher: Publisher,
  options: SimulatorOptions,
  log: (line: string) => void,
): Promise<string> {
  return new Promise((resolve) => {
    let stopped = false;
    const timers: NodeJS.Timeout[] = [];
    const stop = (reason: string) => {
      if (stopped) return;
      stopped = true;
      timers.forEach(clearTimeout);
      resolve(reason);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopped) {
        process.stderr.write(`simulate: ${signal} again, exiting without waiting\n`);
        process.exit(130);
      }
      log(`${signal}: stopping, waiting for acknowledgements`);
      stop(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const tick = () => {
      if (publisher.backlog < MAX_BACKLOG) {
        for (const message of simulation.due(Date.now())) {
          publisher.send(message.topic, message.payload);
        }
      }
      if (simulation.done) stop('--count reached');
    };
    // Often enough to keep each badge's pace, rarely enough to stay cheap at low rates.
    timers.push(setInterval(tick, Math.min(100, Math.max(5, 1000 / options.rate / 2))));
    if (options.duration !== undefined) {
      timers.push(setTimeout(() => stop('--duration reached'), options.duration * 1000));
    }
    timers.push(
      setInterval(() => {
        const { published, acknowledged, backlog } = publisher;
        log(
          `readings ${simulation.readings}, published ${published}, acked ${acknowledged}, backlog ${backlog}`,
        );
      }, PROGRESS_EVERY_MS),
    );
    tick();
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `simulate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
