/** Parses durations such as `500ms`, `30s`, `5m`, `24h`, `7d` into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return undefined;
  const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2]];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

/** Parses byte sizes such as `262144`, `256KiB`, `1MiB` into bytes. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+)(B|KiB|MiB)?$/.exec(text.trim());
  if (!match) return undefined;
  const factor = { B: 1, KiB: 1024, MiB: 1024 * 1024 }[match[2] ?? 'B'];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

/** True when the IANA zone name is known to this runtime's ICU data. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
