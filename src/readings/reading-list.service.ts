import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { assertPersonExists } from '../people/person-exists.js';
import { nanosievertsToMicrosieverts, nanosievertsToMillisieverts } from '../common/dose-units.js';
import {
  DEFAULT_READINGS_LIMIT,
  type ReadingDto,
  type ReadingPageDto,
  type ReadingsQueryDto,
  type RegisterValuesDto,
} from './dto/reading-list.dto.js';
import { DOSE_COLUMNS } from './rules/reading-doses.js';
import { QUANTITIES } from '../common/quantities.js';

/** Keyset position: the last row's (measured_at to the µs, badge_serial, seq). */
type Cursor = [measuredAt: string, serial: string, seq: string];

type Row = Record<string, string | boolean | Date | number | null>;

// measured_at keeps µs; a JS Date only ms, so the cursor carries the exact text.
const MEASURED_KEY = `to_char(r.measured_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const NSV_COLUMNS = ['hp10', 'hp007', 'hp3'].flatMap((r) => [`${r}_nsv`, `inc_${r}_nsv`]);

/** A person's stored readings, newest first, a page at a time (DESIGN.md §8). */
@Injectable()
export class ReadingListService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(personId: string, query: ReadingsQueryDto): Promise<ReadingPageDto> {
    const limit = query.limit ?? DEFAULT_READINGS_LIMIT;
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && to <= from) throw new BadRequestException('to must be later than from');
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    await assertPersonExists(this.dataSource.manager, personId);

    const params: unknown[] = [personId];
    const where = ['r.person_id = $1'];
    const param = (value: unknown): string => `$${params.push(value)}`;
    if (from) where.push(`r.measured_at >= ${param(from)}`);
    if (to) where.push(`r.measured_at < ${param(to)}`);
    if (after) {
      const [at, serial, seq] = [param(after[0]), param(after[1]), param(after[2])];
      where.push(`(r.measured_at < ${at}::timestamptz OR (r.measured_at = ${at}::timestamptz
                   AND (r.badge_serial, r.seq) > (${serial}, ${seq}::bigint)))`);
    }
    const rows = await this.dataSource.query<Row[]>(
      `SELECT r.badge_serial, b.body_location, r.seq::text AS seq, r.measured_at, ${MEASURED_KEY} AS measured_key,
              r.received_at, r.reset, r.dose_rate_nsv_h::text AS dose_rate_nsv_h, r.battery,
              ${[...NSV_COLUMNS, ...Object.values(DOSE_COLUMNS)].map((c) => `r.${c}::text AS ${c}`).join(', ')}
         FROM reading r LEFT JOIN badge b ON b.serial = r.badge_serial
        WHERE ${where.join(' AND ')}
        ORDER BY r.measured_at DESC, r.badge_serial, r.seq
        LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toDto),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([
              last.measured_key as string,
              last.badge_serial as string,
              last.seq as string,
            ])
          : null,
    };
  }
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value[0]) &&
    !Number.isNaN(Date.parse(value[0])) &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string' &&
    /^\d{1,18}$/.test(value[2])
  )
    return value as Cursor;
  throw new BadRequestException('cursor must be a nextCursor of this API');
}

const nsv = (value: unknown): bigint | null =>
  value === null || value === undefined ? null : BigInt(value as string);
const usv = (value: unknown): number | null => {
  const n = nsv(value);
  return n === null ? null : nanosievertsToMicrosieverts(n);
};

function registers(row: Row, prefix: '' | 'inc_'): RegisterValuesDto {
  return {
    hp10: usv(row[`${prefix}hp10_nsv`]),
    hp007: usv(row[`${prefix}hp007_nsv`]),
    hp3: usv(row[`${prefix}hp3_nsv`]),
  };
}

function toDto(row: Row): ReadingDto {
  const doses = Object.fromEntries(
    QUANTITIES.map((quantity) => {
      const value = nsv(row[DOSE_COLUMNS[quantity]]);
      return [quantity, value === null ? null : nanosievertsToMillisieverts(value)];
    }),
  ) as unknown as ReadingDto['doses'];
  return {
    badgeSerial: row.badge_serial as string,
    bodyLocation: row.body_location as string | null,
    seq: Number(row.seq),
    measuredAt: (row.measured_at as Date).toISOString(),
    receivedAt: (row.received_at as Date).toISOString(),
    registers: registers(row, ''),
    increments: registers(row, 'inc_'),
    reset: row.reset as boolean,
    doseRate: usv(row.dose_rate_nsv_h),
    battery: row.battery as number | null,
    doses,
  };
}
