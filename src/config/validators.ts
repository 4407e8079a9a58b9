import { ValidateBy, type ValidationOptions } from 'class-validator';
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
