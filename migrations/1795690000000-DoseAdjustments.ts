import { MigrationInterface, QueryRunner } from 'typeorm';

export class DoseAdjustments1795690000000 implements MigrationInterface {
  name = 'DoseAdjustments1795690000000';

  /**
   * Dose adjustments (README.md, Reports) and their part of the daily totals:
   * `daily_dose.dose_nsv` stays readings plus adjustments (what exposure and alerts sum),
   * `adjustment_nsv` the adjustments' part, so the old non-negative check still holds for the
   * readings' part.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "daily_dose" DROP CONSTRAINT "daily_dose_nonnegative_check"`,
    );
    await queryRunner.query(
      `CREATE TABLE "dose_adjustment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "quantity" text NOT NULL, "dose_nsv" bigint NOT NULL, "day" date NOT NULL, "reason" text NOT NULL, "author_id" uuid, "author" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "dose_adjustment_reason_check" CHECK (length(btrim(reason)) > 0), CONSTRAINT "dose_adjustment_quantity_check" CHECK (quantity IN ('effective', 'skin', 'eyeLens', 'extremity', 'fetal')), CONSTRAINT "dose_adjustment_dose_check" CHECK (dose_nsv <> 0), CONSTRAINT "PK_5f54e996ad629f6ab54e4ae675f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "dose_adjustment_person_day_idx" ON "dose_adjustment"  ("person_id", "day") `,
    );
    await queryRunner.query(
      `ALTER TABLE "daily_dose" ADD "adjustment_nsv" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "daily_dose" ADD CONSTRAINT "daily_dose_readings_nonnegative_check" CHECK (dose_nsv - adjustment_nsv >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" ADD CONSTRAINT "dose_adjustment_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Hand-written: adjustments are dose records, never changed or deleted, only corrected
    // by further adjustments (DESIGN.md §7; 10 CFR 20.2106 records kept until termination).
    await queryRunner.query(`CREATE FUNCTION dose_adjustment_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'dose_adjustment is append-only: correct it with another adjustment'; END $$`);
    await queryRunner.query(`CREATE TRIGGER dose_adjustment_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "dose_adjustment"
            FOR EACH STATEMENT EXECUTE FUNCTION dose_adjustment_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER dose_adjustment_append_only ON "dose_adjustment"`);
    await queryRunner.query(`DROP FUNCTION dose_adjustment_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" DROP CONSTRAINT "dose_adjustment_person_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "daily_dose" DROP CONSTRAINT "daily_dose_readings_nonnegative_check"`,
    );
    await queryRunner.query(`ALTER TABLE "daily_dose" DROP COLUMN "adjustment_nsv"`);
    await queryRunner.query(`DROP INDEX "public"."dose_adjustment_person_day_idx"`);
    await queryRunner.query(`DROP TABLE "dose_adjustment"`);
    await queryRunner.query(
      `ALTER TABLE "daily_dose" ADD CONSTRAINT "daily_dose_nonnegative_check" CHECK ((dose_nsv >= 0))`,
    );
  }
}
