import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { toAdjustmentDto } from '../../adjustments/adjustments.service.js';
import { assertPersonExists } from '../../people/person-exists.js';
import { COUNTED_KIND_SQL, type AdjustmentKind } from '../../adjustments/adjustment-kind.js';
import type { AdjustmentDto } from '../../adjustments/dto/adjustment.dto.js';
import { dayInZone } from '../../calendar/facility-day.js';
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
const CURSOR = 'readings_export';

interface AdjustmentLine {
  adjustment: AdjustmentDto;
  person: { name: string; employeeId: string | null };
}

/**
 * The dose history export: every attributed reading (one person's or everyone's) measured in
 * [from, to), with the dose adjustments of those facility days, as CSV streamed to the client.
 * Readings come a batch at a time from a cursor, inside one REPEATABLE READ transaction so the
 * file is one consistent snapshot; each batch is written, and the next fetched only once the
 * client has taken it (backpressure), so memory stays bounded by one batch.
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
    await declareCursor(runner, personId, from, to);
    let pending = 0;
    for (;;) {
      const rows = await runner.manager.query<ExportReadingRow[]>(
        `FETCH FORWARD ${EXPORT_BATCH_ROWS} FROM ${CURSOR}`,
      );
      let chunk = '';
      for (const row of rows) {
        const day = dayInZone(new Date(row.measured_key), this.config.facilityTz);
        // An adjustment goes after the readings of its person and day (both orders agree:
        // uuid order is the order of its hex text).
        while (pending < adjustments.length && adjustmentFirst(adjustments[pending], row, day))
          chunk += adjustmentLine(adjustments[pending].adjustment, adjustments[pending++].person);
        chunk += readingLine(row);
      }
      const last = rows.length < EXPORT_BATCH_ROWS;
      if (last)
        for (; pending < adjustments.length; pending++)
          chunk += adjustmentLine(adjustments[pending].adjustment, adjustments[pending].person);
      if (!(await writeWithBackpressure(response, chunk))) return; // the client went away
      if (last) break;
    }
    await runner.query(`CLOSE ${CURSOR}`);
    response.end();
  }

  /**
   * The dose adjustments of the facility days of [from, to): few, entered by hand, held in
   * memory. Reattributions are left out: the readings exported carry that dose already.
   */
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
        kind: AdjustmentKind;
        prior_dose_id: string | null;
        dose_estimate_id: string | null;
        author: string;
        created_at: Date;
        name: string;
        employee_id: string | null;
      }[]
    >(
      `SELECT a.id, a.person_id, a.quantity, a.dose_nsv::text AS dose_nsv, a.day::text AS day, a.reason,
              a.kind, a.prior_dose_id, a.dose_estimate_id, a.author, a.created_at, p.name, p.employee_id
         FROM dose_adjustment a JOIN person p ON p.id = a.person_id
        WHERE a.${COUNTED_KIND_SQL} AND ($1::uuid IS NULL OR a.person_id = $1) AND a.day BETWEEN $2 AND $3
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
        badgeSerial: null,
        assignmentId: null,
        quantity: row.quantity,
        doseNsv: BigInt(row.dose_nsv),
        day: row.day,
        reason: row.reason,
        kind: row.kind,
        priorDoseId: row.prior_dose_id,
        doseEstimateId: row.dose_estimate_id,
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

/**
 * The export's readings, in file order, as a cursor of the transaction: Postgres plans the
 * query once and hands out rows a batch at a time (FETCH), so neither the database nor this
 * process ever holds the whole range (a keyset query per batch would be re-planned each time,
 * and on a table of few people the planner scans the whole of it for every batch).
 */
async function declareCursor(
  runner: QueryRunner,
  personId: string | null,
  from: Date,
  to: Date,
): Promise<void> {
  await runner.query(
    `DECLARE ${CURSOR} NO SCROLL CURSOR FOR
     SELECT ${EXPORT_SELECT}
       FROM reading r JOIN person p ON p.id = r.person_id LEFT JOIN badge b ON b.serial = r.badge_serial
      WHERE r.measured_at >= $1 AND r.measured_at < $2
        AND ${personId ? 'r.person_id = $3' : 'r.person_id IS NOT NULL'}
      ORDER BY r.person_id, r.measured_at, r.badge_serial, r.seq`,
    personId ? [from, to, personId] : [from, to],
  );
}
