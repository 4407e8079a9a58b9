import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { assertPersonExists, toAdjustmentDto } from '../../adjustments/adjustments.service.js';
import type { AdjustmentDto } from '../../adjustments/dto/adjustment.dto.js';
import { dayInZone } from '../../common/facility-time.js';
import { AppConfig } from '../../config/app-config.js';
import type { ReadingsExportQueryDto } from '../dto/readings-export.dto.js';
import { csvLine } from '../render/csv.js';
import {
  adjustmentLine,
  EXPORT_COLUMNS,
  EXPORT_SELECT,
  readingLine,
  type ExportReadingRow,
} from './export-columns.js';
import { writeWithBackpressure } from './write-with-backpressure.js';

/** Rows per query: a few MB of rows and CSV at a time, whatever the range. */
export const EXPORT_BATCH_ROWS = 5_000;

interface AdjustmentLine {
  adjustment: AdjustmentDto;
  person: { name: string; employeeId: string | null };
}

/**
 * The dose history export: every attributed reading (one person's or everyone's) measured in
 * [from, to), with the dose adjustments of those facility days, as CSV streamed to the client.
 * Readings come a batch at a time by keyset pagination on (person, measured_at, badge, seq),
 * which the (person_id, measured_at) index serves, inside one REPEATABLE READ transaction so
 * the file is one consistent snapshot; each batch is written, and the next fetched only once
 * the client has taken it (backpressure), so memory stays bounded by one batch.
 */
@Injectable()
export class ReadingsExportService {
  private readonly logger = new Logger(ReadingsExportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async export(query: ReadingsExportQueryDto, response: Response): Promise<void> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from) throw new BadRequestException('to must be later than from');
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      if (query.personId) await assertPersonExists(runner.manager, query.personId);
      const adjustments = await this.adjustments(runner.manager, query.personId ?? null, from, to);
      response.status(200);
      response.setHeader('content-type', 'text/csv; charset=utf-8');
      response.setHeader(
        'content-disposition',
        `attachment; filename="readings-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv"`,
      );
      await this.stream(runner, query.personId ?? null, from, to, adjustments, response);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (!response.headersSent) throw error;
      this.logger.error(`readings export failed after the headers: ${String(error)}`);
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    } finally {
      await runner.release();
    }
  }

  private async stream(
    runner: QueryRunner,
    personId: string | null,
    from: Date,
    to: Date,
    adjustments: AdjustmentLine[],
    response: Response,
  ): Promise<void> {
    if (!(await writeWithBackpressure(response, csvLine(EXPORT_COLUMNS)))) return;
    let pending = 0;
    let after: ExportReadingRow | undefined;
    for (;;) {
      const rows = await nextBatch(runner, personId, from, to, after);
      let chunk = '';
      for (const row of rows) {
        const day = dayInZone(new Date(row.measured_key), this.config.facilityTz);
        // An adjustment goes after the readings of its person and day (both orders agree:
        // uuid order is the order of its hex text).
        while (pending < adjustments.length && adjustmentFirst(adjustments[pending], row, day))
          chunk += adjustmentLine(adjustments[pending].adjustment, adjustments[pending++].person);
        chunk += readingLine(row);
      }
      if (rows.length < EXPORT_BATCH_ROWS)
        for (; pending < adjustments.length; pending++)
          chunk += adjustmentLine(adjustments[pending].adjustment, adjustments[pending].person);
      if (!(await writeWithBackpressure(response, chunk))) return; // the client went away
      if (rows.length < EXPORT_BATCH_ROWS) break;
      after = rows[rows.length - 1];
    }
    response.end();
  }

  /** The adjustments of the facility days of [from, to): few, entered by hand, held in memory. */
  private async adjustments(
    manager: EntityManager,
    personId: string | null,
    from: Date,
    to: Date,
  ): Promise<AdjustmentLine[]> {
    const rows = await manager.query<
      {
        id: string;
        person_id: string;
        quantity: string;
        dose_nsv: string;
        day: string;
        reason: string;
        author: string;
        created_at: Date;
        name: string;
        employee_id: string | null;
      }[]
    >(
      `SELECT a.id, a.person_id, a.quantity, a.dose_nsv::text AS dose_nsv, a.day::text AS day, a.reason,
              a.author, a.created_at, p.name, p.employee_id
         FROM dose_adjustment a JOIN person p ON p.id = a.person_id
        WHERE ($1::uuid IS NULL OR a.person_id = $1) AND a.day BETWEEN $2 AND $3
        ORDER BY a.person_id, a.day, a.created_at, a.id`,
      [
        personId,
        dayInZone(from, this.config.facilityTz),
        dayInZone(new Date(to.getTime() - 1), this.config.facilityTz),
      ],
    );
    return rows.map((row) => ({
      adjustment: toAdjustmentDto({
        id: row.id,
        personId: row.person_id,
        quantity: row.quantity,
        doseNsv: BigInt(row.dose_nsv),
        day: row.day,
        reason: row.reason,
        authorId: null,
        author: row.author,
        createdAt: row.created_at,
      }),
      person: { name: row.name, employeeId: row.employee_id },
    }));
  }
}

function adjustmentFirst(line: AdjustmentLine, row: ExportReadingRow, rowDay: string): boolean {
  const { personId, date } = line.adjustment;
  return personId < row.person_id || (personId === row.person_id && date < rowDay);
}

async function nextBatch(
  runner: QueryRunner,
  personId: string | null,
  from: Date,
  to: Date,
  after: ExportReadingRow | undefined,
): Promise<ExportReadingRow[]> {
  const params: unknown[] = [from, to];
  const param = (value: unknown): string => `$${params.push(value)}`;
  const where = ['r.measured_at >= $1', 'r.measured_at < $2'];
  where.push(personId ? `r.person_id = ${param(personId)}` : 'r.person_id IS NOT NULL');
  if (after)
    where.push(
      `(r.person_id, r.measured_at, r.badge_serial, r.seq) > (${param(after.person_id)}::uuid, ` +
        `${param(after.measured_key)}::timestamptz, ${param(after.badge_serial)}, ${param(after.seq)}::bigint)`,
    );
  return runner.manager.query<ExportReadingRow[]>(
    `SELECT ${EXPORT_SELECT}
       FROM reading r JOIN person p ON p.id = r.person_id LEFT JOIN badge b ON b.serial = r.badge_serial
      WHERE ${where.join(' AND ')}
      ORDER BY r.person_id, r.measured_at, r.badge_serial, r.seq
      LIMIT ${EXPORT_BATCH_ROWS}`,
    params,
  );
}
