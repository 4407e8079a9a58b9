import { wallTimeToInstant } from '../../calendar/zone-offset.js';

/**
 * DICOM dates and times (PS3.5 6.2: DA `YYYYMMDD`, TM `HHMMSS.FFFFFF`, DT with an optional
 * `&ZZXX` offset) as ISO-8601 instants with a zone. A value without an offset is wall time at
 * the report's Timezone Offset From UTC, else in the facility's zone (DESIGN.md §2). Tolerant:
 * the ACR-NEMA forms `YYYY.MM.DD` and `HH:MM:SS` are read too; anything else is absent.
 */
export function dicomInstant(
  date: string | undefined,
  time: string | undefined,
  offset: string | undefined,
  facilityTz: string,
): string | undefined {
  const d = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(date?.trim() ?? '');
  if (!d) return undefined;
  const t = /^(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?(?:\.(\d{1,6}))?$/.exec(time?.trim() ?? '');
  const parts = [d[1], d[2], d[3], t?.[1] ?? '00', t?.[2] ?? '00', t?.[3] ?? '00'].map(Number);
  const millis = Number((t?.[4] ?? '').padEnd(3, '0').slice(0, 3));
  const [year, month, day, hour, minute, second] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  const zone = /^([+-])(\d{2})(\d{2})$/.exec(offset?.trim() ?? '');
  const instant = new Date(
    zone
      ? wall - (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) * 60_000
      : wallTimeToInstant(wall, facilityTz),
  );
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

/** A DT value: `YYYYMMDDHHMMSS.FFFFFF&ZZXX`, every part after the year optional. */
export function dicomDateTime(value: string | undefined, facilityTz: string): string | undefined {
  const m = /^(\d{8})(\d{2,6}(?:\.\d{1,6})?)?([+-]\d{4})?$/.exec(value?.trim() ?? '');
  return m ? dicomInstant(m[1], m[2], m[3], facilityTz) : undefined;
}
