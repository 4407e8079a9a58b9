import {
  ISO_WITH_ZONE,
  MAX_BATTERY_PERCENT,
  MAX_DOSE_RATE_USV_H,
  MAX_REGISTER_USV,
  type BadgeReadingDto,
} from '../readings/dto/badge-reading.dto.js';

/**
 * The reading's fields when every one is well-formed, by the same rules as BadgeReadingDto,
 * else undefined (the DTO then says why). Nearly every reading is well-formed, and checking
 * one through class-validator was a visible share of the service's CPU at full ingest rate
 * (bench/README.md, "Service hot path"); the spec holds this to the DTO's verdicts.
 */
export function wellFormedReading(item: unknown): BadgeReadingDto | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const { seq, measuredAt, hp10, hp007, hp3, doseRate, battery } = item as Record<string, unknown>;
  if (
    typeof seq !== 'number' ||
    !Number.isSafeInteger(seq) ||
    seq < 0 ||
    typeof measuredAt !== 'string' ||
    !ISO_WITH_ZONE.test(measuredAt) ||
    !optionalInRange(hp10, MAX_REGISTER_USV) ||
    !optionalInRange(hp007, MAX_REGISTER_USV) ||
    !optionalInRange(hp3, MAX_REGISTER_USV) ||
    !optionalInRange(doseRate, MAX_DOSE_RATE_USV_H) ||
    !optionalInRange(battery, MAX_BATTERY_PERCENT)
  )
    return undefined;
  return { seq, measuredAt, hp10, hp007, hp3, doseRate, battery } as BadgeReadingDto;
}

/** Absent (undefined or null, as @IsOptional), or a finite number in [0, max]. */
function optionalInRange(value: unknown, max: number): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max)
  );
}
