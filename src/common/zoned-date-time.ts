import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/** Date and time with seconds optional, fractions allowed, and an explicit zone (DESIGN.md §2). */
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO-8601 date-time with a zone (Z or ±hh:mm): a time without one would be read in the
 * server's zone, which is not what the sender meant. `strict` refuses impossible dates.
 */
export const IsZonedDateTime = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(ZONED_DATE_TIME, {
      message: ({ property }) =>
        `${property} must be an ISO-8601 date-time with a zone (Z or ±hh:mm)`,
    }),
  );

/** An ISO-8601 calendar date, YYYY-MM-DD, that exists. */
export const IsCalendarDate = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(CALENDAR_DATE, {
      message: ({ property }) => `${property} must be a date as YYYY-MM-DD`,
    }),
  );
