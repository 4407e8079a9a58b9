import { parseArgs } from 'node:util';

export interface SimulatorOptions {
  url: string;
  prefix: string;
  badges: number;
  serialPrefix: string;
  /** Readings per second per badge. */
  rate: number;
  /** Seconds; unset: until SIGINT/SIGTERM (or --count). */
  duration?: number;
  /** Readings per badge; unset: no limit. */
  count?: number;
  batch: number;
  duplicates: number;
  outOfOrder: number;
  /** Mean ambient dose rate, µSv/h. */
  doseRate: number;
  resetEvery?: number;
  startSeq: number;
  /** Unset: MQTT 5, or 3.1.1 when the broker refuses 5 (the embedded broker speaks 3.1.1 only). */
  protocol?: 4 | 5;
  username?: string;
  password?: string;
  quiet: boolean;
  /** Unset: the simulator draws one and prints it, so a run can be replayed. */
  seed?: string;
}

export type Command = { help: true } | { help: false; options: SimulatorOptions };

/** A bad flag: the CLI prints the message and exits with code 2. */
export class OptionsError extends Error {}

/** DESIGN.md §3: a badge may upload a backlog array of up to 1000 readings. */
export const MAX_BATCH = 1000;

const STRING_FLAGS = [
  'url',
  'prefix',
  'badges',
  'serial-prefix',
  'rate',
  'duration',
  'count',
  'batch',
  'duplicates',
  'out-of-order',
  'dose-rate',
  'reset-every',
  'start-seq',
  'seed',
  'protocol',
  'username',
  'password',
] as const;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BROKER_SCHEMES = new Set(['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'ws:', 'wss:']);

export function parseOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Command {
  const values = parseFlags(argv);
  if (values.help === true) return { help: true };
  const text = (name: (typeof STRING_FLAGS)[number]): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const optional = <T>(name: (typeof STRING_FLAGS)[number], read: (v: string) => T) => {
    const value = text(name);
    return value === undefined ? undefined : read(value);
  };
  const username = text('username');
  const password = text('password');
  const protocol = text('protocol');
  if (protocol !== undefined && protocol !== '4' && protocol !== '5')
    fail('--protocol', protocol, 'must be 4 or 5');
  if (password !== undefined && username === undefined && protocol === '4') {
    fail('--password', '***', 'needs --username with MQTT 3.1.1 (--protocol 4)');
  }
  return {
    help: false,
    options: {
      url: brokerUrl(text('url') ?? env.MQTT_URL ?? 'mqtt://127.0.0.1:1883'),
      prefix: topicPrefix(text('prefix') ?? env.MQTT_TOPIC_PREFIX ?? 'dose/v1'),
      badges: integer('--badges', text('badges') ?? '10', 1, 100_000),
      serialPrefix: serialPrefix(text('serial-prefix') ?? 'SIM-'),
      rate: number('--rate', text('rate') ?? '1', (v) => v > 0 && v <= 10_000, '> 0 and ≤ 10000'),
      duration: optional('duration', (v) => number('--duration', v, (s) => s > 0, '> 0 (seconds)')),
      count: optional('count', (v) => integer('--count', v, 1)),
      batch: integer('--batch', text('batch') ?? '1', 1, MAX_BATCH),
      duplicates: fraction('--duplicates', text('duplicates') ?? '0'),
      outOfOrder: fraction('--out-of-order', text('out-of-order') ?? '0'),
      doseRate: number('--dose-rate', text('dose-rate') ?? '2', (v) => v >= 0 && v <= 1e7, '≥ 0'),
      resetEvery: optional('reset-every', (v) => integer('--reset-every', v, 2)),
      startSeq: integer('--start-seq', text('start-seq') ?? '1', 0, 2 ** 52),
      protocol: protocol === undefined ? undefined : protocol === '4' ? 4 : 5,
      username,
      password,
      quiet: values.quiet === true,
      seed: text('seed'),
    },
  };
}

function parseFlags(argv: readonly string[]): Record<string, string | boolean | undefined> {
  const options = Object.fromEntries(STRING_FLAGS.map((name) => [name, { type: 'string' }]));
  try {
    return parseArgs({
      args: joinNegativeValues(argv),
      options: {
        ...(options as Record<(typeof STRING_FLAGS)[number], { type: 'string' }>),
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new OptionsError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
}

/** `--rate -1` reads as a flag followed by a value, so that it fails as a bad rate. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : '';
    const next = argv[i + 1];
    if ((STRING_FLAGS as readonly string[]).includes(name) && next && /^-[\d.]/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

function fail(flag: string, value: string, problem: string): never {
  throw new OptionsError(`${flag} ${problem} (got ${JSON.stringify(value)})`);
}

function number(flag: string, text: string, valid: (v: number) => boolean, what: string): number {
  const value = Number(text);
  if (!NUMBER.test(text.trim()) || !Number.isFinite(value) || !valid(value))
    fail(flag, text, `must be a number ${what}`);
  return value;
}

function integer(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^[+-]?\d+$/.test(text.trim()) || !(value >= min && value <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    fail(flag, text, `must be an integer ${range}`);
  }
  return value;
}

function fraction(flag: string, text: string): number {
  return number(flag, text, (v) => v >= 0 && v <= 1, 'from 0 to 1');
}

function brokerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    fail('--url', text, 'must be a URL such as mqtt://127.0.0.1:1883');
  }
  if (!BROKER_SCHEMES.has(url.protocol)) {
    fail('--url', text, `must use one of ${[...BROKER_SCHEMES].join(' ')}`);
  }
  return text;
}

function topicPrefix(text: string): string {
  if (!text || /[+#\0]/.test(text) || text.startsWith('/') || text.endsWith('/')) {
    fail('--prefix', text, 'must be a topic without wildcards or leading/trailing "/"');
  }
  return text;
}

function serialPrefix(text: string): string {
  if (/[/+#\0]/.test(text)) fail('--serial-prefix', text, 'must not contain "/", "+" or "#"');
  return text;
}
