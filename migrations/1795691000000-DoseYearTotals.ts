import { MigrationInterface, QueryRunner } from 'typeorm';

export class DoseYearTotals1795691000000 implements MigrationInterface {
  name = 'DoseYearTotals1795691000000';

  /**
   * Closed years' totals (bench/README.md, "Closed months and years"): the service closes
   * every ended year at its next start (YearCloser), so an existing database gets its totals
   * then, from its daily totals.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dose_year_close" ("year" integer NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_36af31451bbfc8b75f7207aa465" PRIMARY KEY ("year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "dose_year_total" ("person_id" uuid NOT NULL, "quantity" text NOT NULL, "year" integer NOT NULL, "dose_nsv" bigint NOT NULL, CONSTRAINT "PK_7609e10800ea226f47a65e5a432" PRIMARY KEY ("person_id", "quantity", "year"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_year_total" ADD CONSTRAINT "dose_year_total_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dose_year_total" DROP CONSTRAINT "dose_year_total_person_fk"`,
    );
    await queryRunner.query(`DROP TABLE "dose_year_total"`);
    await queryRunner.query(`DROP TABLE "dose_year_close"`);
  }
}
