import { MigrationInterface, QueryRunner } from 'typeorm';

export class DoseMonthTotals1795696000000 implements MigrationInterface {
  name = 'DoseMonthTotals1795696000000';

  /**
   * Closed months' totals (bench/README.md, "Closed months and years"), read by the alert
   * rules' dose sums: the service closes every ended month at its next start (PeriodCloser),
   * so an existing database gets its totals then, from its daily totals: ingestion waits
   * while its whole history is summed, once.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dose_month_close" ("month" date NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_768d1e93b2884a20de97c389eb4" PRIMARY KEY ("month"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "dose_month_total" ("person_id" uuid NOT NULL, "quantity" text NOT NULL, "month" date NOT NULL, "dose_nsv" bigint NOT NULL, CONSTRAINT "PK_88af1e23d5dfc40d71d543070a5" PRIMARY KEY ("person_id", "quantity", "month"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_month_total" ADD CONSTRAINT "dose_month_total_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dose_month_total" DROP CONSTRAINT "dose_month_total_person_fk"`,
    );
    await queryRunner.query(`DROP TABLE "dose_month_total"`);
    await queryRunner.query(`DROP TABLE "dose_month_close"`);
  }
}
