import { MigrationInterface, QueryRunner } from 'typeorm';

export class DoseNotMeasured1795698300000 implements MigrationInterface {
  name = 'DoseNotMeasured1795698300000';

  /**
   * Dose no badge here measured (DESIGN.md §4): prior doses from other employers and estimates
   * for a period without a badge reading, each a record of its own whose quantities enter the
   * ledger as dose adjustments of their kind, linked to it (so recompute-totals keeps them).
   * Existing adjustments become kind `correction`.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dose_estimate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "effective_nsv" bigint, "eye_lens_nsv" bigint, "skin_nsv" bigint, "extremity_nsv" bigint, "author_id" uuid, "author" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "method" text NOT NULL, "reason" text NOT NULL, "note" text, CONSTRAINT "dose_estimate_note_check" CHECK ((method <> 'other' AND reason <> 'other') OR length(btrim(coalesce(note, ''))) > 0), CONSTRAINT "dose_estimate_reason_check" CHECK (reason IN ('lost', 'damaged', 'notWorn', 'other')), CONSTRAINT "dose_estimate_method_check" CHECK (method IN ('coworkerAverage', 'workplaceMonitoring', 'calculation', 'priorAverage', 'other')), CONSTRAINT "dose_estimate_quantity_given_check" CHECK (num_nonnulls(effective_nsv, eye_lens_nsv, skin_nsv, extremity_nsv) > 0), CONSTRAINT "dose_estimate_doses_check" CHECK (coalesce(effective_nsv, 0) >= 0 AND coalesce(eye_lens_nsv, 0) >= 0 AND coalesce(skin_nsv, 0) >= 0 AND coalesce(extremity_nsv, 0) >= 0), CONSTRAINT "dose_estimate_period_check" CHECK (period_to >= period_from AND date_part('year', period_from) = date_part('year', period_to)), CONSTRAINT "PK_fe97d85359dc38260622d51e555" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "dose_estimate_person_idx" ON "dose_estimate" ("person_id", "period_to")`,
    );
    await queryRunner.query(
      `CREATE TABLE "prior_dose" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "effective_nsv" bigint, "eye_lens_nsv" bigint, "skin_nsv" bigint, "extremity_nsv" bigint, "author_id" uuid, "author" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "employer" text NOT NULL, "source_document" text NOT NULL, CONSTRAINT "prior_dose_source_document_check" CHECK (length(btrim(source_document)) > 0), CONSTRAINT "prior_dose_employer_check" CHECK (length(btrim(employer)) > 0), CONSTRAINT "prior_dose_quantity_given_check" CHECK (num_nonnulls(effective_nsv, eye_lens_nsv, skin_nsv, extremity_nsv) > 0), CONSTRAINT "prior_dose_doses_check" CHECK (coalesce(effective_nsv, 0) >= 0 AND coalesce(eye_lens_nsv, 0) >= 0 AND coalesce(skin_nsv, 0) >= 0 AND coalesce(extremity_nsv, 0) >= 0), CONSTRAINT "prior_dose_period_check" CHECK (period_to >= period_from AND date_part('year', period_from) = date_part('year', period_to)), CONSTRAINT "PK_76974df51d75f227eb1bca04865" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "prior_dose_person_idx" ON "prior_dose" ("person_id", "period_to")`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" ADD "kind" text NOT NULL DEFAULT 'correction'`,
    );
    await queryRunner.query(`ALTER TABLE "dose_adjustment" ADD "prior_dose_id" uuid`);
    await queryRunner.query(`ALTER TABLE "dose_adjustment" ADD "dose_estimate_id" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "dose_adjustment_dose_estimate_idx" ON "dose_adjustment" ("dose_estimate_id", "quantity")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "dose_adjustment_prior_dose_idx" ON "dose_adjustment" ("prior_dose_id", "quantity")`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" ADD CONSTRAINT "dose_adjustment_kind_check" CHECK ((kind = 'correction' AND prior_dose_id IS NULL AND dose_estimate_id IS NULL) OR (kind = 'priorDose' AND prior_dose_id IS NOT NULL AND dose_estimate_id IS NULL AND dose_nsv > 0) OR (kind = 'estimate' AND dose_estimate_id IS NOT NULL AND prior_dose_id IS NULL AND dose_nsv > 0))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_estimate" ADD CONSTRAINT "dose_estimate_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "prior_dose" ADD CONSTRAINT "prior_dose_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" ADD CONSTRAINT "dose_adjustment_prior_dose_fk" FOREIGN KEY ("prior_dose_id") REFERENCES "prior_dose"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" ADD CONSTRAINT "dose_adjustment_dose_estimate_fk" FOREIGN KEY ("dose_estimate_id") REFERENCES "dose_estimate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Hand-written: like the adjustments that book them, these are dose records, never changed
    // or deleted (DESIGN.md §7; 10 CFR 20.2106 records kept until the licence ends).
    await queryRunner.query(`CREATE FUNCTION not_measured_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '% is append-only: correct its dose with an adjustment', TG_TABLE_NAME; END $$`);
    for (const table of ['prior_dose', 'dose_estimate'])
      await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "${table}"
            FOR EACH STATEMENT EXECUTE FUNCTION not_measured_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['prior_dose', 'dose_estimate'])
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION not_measured_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" DROP CONSTRAINT "dose_adjustment_dose_estimate_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" DROP CONSTRAINT "dose_adjustment_prior_dose_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "prior_dose" DROP CONSTRAINT "prior_dose_person_fk"`);
    await queryRunner.query(
      `ALTER TABLE "dose_estimate" DROP CONSTRAINT "dose_estimate_person_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" DROP CONSTRAINT "dose_adjustment_kind_check"`,
    );
    await queryRunner.query(`DROP INDEX "public"."dose_adjustment_prior_dose_idx"`);
    await queryRunner.query(`DROP INDEX "public"."dose_adjustment_dose_estimate_idx"`);
    await queryRunner.query(`ALTER TABLE "dose_adjustment" DROP COLUMN "dose_estimate_id"`);
    await queryRunner.query(`ALTER TABLE "dose_adjustment" DROP COLUMN "prior_dose_id"`);
    await queryRunner.query(`ALTER TABLE "dose_adjustment" DROP COLUMN "kind"`);
    await queryRunner.query(`DROP INDEX "public"."prior_dose_person_idx"`);
    await queryRunner.query(`DROP TABLE "prior_dose"`);
    await queryRunner.query(`DROP INDEX "public"."dose_estimate_person_idx"`);
    await queryRunner.query(`DROP TABLE "dose_estimate"`);
  }
}
