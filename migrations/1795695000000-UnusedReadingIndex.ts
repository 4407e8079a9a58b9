import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No query looks readings up by (badge_serial, measured_at). Per-badge reads go by the
 * primary key (badge_serial, seq), per-person reads by reading_person_time_idx. The index
 * still cost every ingested reading an index entry, one of three (bench/README.md, "Postgres
 * write path").
 */
export class UnusedReadingIndex1795695000000 implements MigrationInterface {
  name = 'UnusedReadingIndex1795695000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reading_badge_time_idx"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "reading_badge_time_idx" ON "reading" ("badge_serial", "measured_at") `,
    );
  }
}
