import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 6: the rows that ingestion and the dose rules rewrite many times a second can be
 * updated in place (Postgres heap-only tuple updates: no new index entries) only where no
 * indexed column changes and the page has room for the new version.
 * - `person_standing_fraction_idx` made all but 2.5 % of standing updates write index entries
 *   (pg_stat_user_tables over a benchmark ingest run); the dashboard sorts the table instead,
 *   one row per person.
 * - Half-empty pages for the per-badge and per-person rows: 71-76 % of their updates were in
 *   place with full pages. These tables hold one row per badge or person, so the room costs
 *   little.
 */
export class InPlaceUpdates1795693000000 implements MigrationInterface {
  name = 'InPlaceUpdates1795693000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."person_standing_fraction_idx"`);
    for (const table of ['person_standing', 'badge', 'badge_register'])
      await queryRunner.query(`ALTER TABLE "${table}" SET (fillfactor = 50)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['person_standing', 'badge', 'badge_register'])
      await queryRunner.query(`ALTER TABLE "${table}" RESET (fillfactor)`);
    await queryRunner.query(
      `CREATE INDEX "person_standing_fraction_idx" ON "person_standing" ("fraction") `,
    );
  }
}
