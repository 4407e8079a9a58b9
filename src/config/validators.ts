import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isTimeZone, parseByteSize, parseDuration } from './units.js';

function hasProtocol(value: unknown, protocols: readonly string[]): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const IsUrlWithProtocol = (protocols: readonly string[], options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isUrlWithProtocol',
      validator: {
        validate: (value) => hasProtocol(value, protocols),
        defaultMessage: (args) =>
          `${args?.property} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      },
    },
    options,
  );

export const IsTimeZone = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value) => typeof value === 'string' && isTimeZone(value),
        defaultMessage: (args) =>
          `${args?.property} must be an IANA time zone such as Europe/Paris`,
      },
    },
    options,
  );

/** `max`: the longest allowed, as a duration (a timer's, say: Node fires longer ones at once). */
export const IsDuration = (max?: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isDuration',
      validator: {
        validate: (value) => {
          const ms = typeof value === 'string' ? (parseDuration(value) ?? 0) : 0;
          return ms > 0 && (max === undefined || ms <= (parseDuration(max) ?? 0));
        },
        defaultMessage: (args) =>
          `${args?.property} must be a positive duration such as 30s, 5m, 24h or 7d` +
          (max === undefined ? '' : `, at most ${max}`),
      },
    },
    options,
  );

export const IsByteSize = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isByteSize',
      validator: {
        validate: (value) => typeof value === 'string' && (parseByteSize(value) ?? 0) > 0,
        defaultMessage: (args) =>
          `${args?.property} must be a positive size in bytes, optionally with KiB or MiB`,
      },
    },
    options,
  );

/** `host:port/database` of a Postgres URL, the port defaulted; undefined when unparseable. */
function databaseOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return `${url.hostname}:${url.port || '5432'}/${decodeURIComponent(url.pathname.slice(1))}`;
  } catch {
    return undefined;
  }
}

/** The same Postgres server and database as the URL in `property`, which must be set. */
export const IsSameDatabaseAs = (property: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isSameDatabaseAs',
      validator: {
        validate: (value, args) => {
          const own = databaseOf(value);
          return own !== undefined && own === databaseOf(objectOf(args)[property]);
        },
        defaultMessage: (args) =>
          `${args?.property} must name the same server and database as ${property}, which it needs`,
      },
    },
    options,
  );

/** Only with a URL in `property` of one of these protocols. */
export const IsOnlyWithProtocolOf = (
  property: string,
  protocols: readonly string[],
  options?: ValidationOptions,
) =>
  ValidateBy(
    {
      name: 'isOnlyWithProtocolOf',
      validator: {
        validate: (_value, args) => hasProtocol(objectOf(args)[property], protocols),
        defaultMessage: (args) =>
          `${args?.property} needs ${property} starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      },
    },
    options,
  );

/** A file this process can read now, holding at least one PEM certificate. */
export const IsPemCertificateFile = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPemCertificateFile',
      validator: {
        validate: (value) => {
          if (typeof value !== 'string') return false;
          try {
            // Node's TLS takes PEM only; X509Certificate would also parse DER.
            const pem = readFileSync(value, 'utf8');
            return pem.includes('-----BEGIN CERTIFICATE-----') && !!new X509Certificate(pem);
          } catch {
            return false;
          }
        },
        defaultMessage: (args) =>
          `${args?.property} must be a readable file of PEM certificates (-----BEGIN CERTIFICATE-----)`,
      },
    },
    options,
  );

const objectOf = (args: ValidationArguments | undefined): Record<string, unknown> =>
  (args?.object ?? {}) as Record<string, unknown>;
