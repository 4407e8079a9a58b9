import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rows that ingestion and the dose rules rewrite many times a second can be updated in
 * place (Postgres heap-only tuple updates: no new index entries) only where no indexed column
 * changes and the page has room for the new version (bench/README.md, "Postgres write path").
 * - `person_standing_fraction_idx` made nearly every standing update write index entries;
 *   the dashboard sorts the table instead, one row per person.
 * - Half-empty pages for the per-badge and per-person rows: with full pages a good share of
 *   their updates could not stay in place. These tables hold one row per badge or person, so
 *   the room costs little.
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
