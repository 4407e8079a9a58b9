import { MigrationInterface, QueryRunner } from 'typeorm';

export class PatientExposure1795671906561 implements MigrationInterface {
  name = 'PatientExposure1795671906561';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "patient_exposure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "modality_id" text NOT NULL, "event_id" text NOT NULL, "study_uid" text, "performed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modality" text NOT NULL, "body_region" text, "patient_age_years" numeric, "ctdi_vol_ngy" bigint, "dlp_ngy_cm" bigint, "dap_ugy_cm2" bigint, "air_kerma_ngy" bigint, "fluoro_time_us" bigint, "effective_nsv" bigint, "effective_source" text, "k_factor" numeric, CONSTRAINT "patient_exposure_source_check" CHECK (effective_source IN ('reported', 'estimated')), CONSTRAINT "patient_exposure_effective_check" CHECK ((effective_nsv IS NULL) = (effective_source IS NULL) AND effective_nsv >= 0), CONSTRAINT "PK_00b630a66bd9fc6dca2ceeb46fb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "patient_exposure_person_time_idx" ON "patient_exposure"  ("person_id", "performed_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "patient_exposure_event_key" ON "patient_exposure"  ("modality_id", "event_id") `,
    );
    await queryRunner.query(`ALTER TABLE "person" ADD "patient_key" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "person_patient_key_key" ON "person"  ("patient_key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "person_patient_key_check" CHECK (patient_key IS NULL OR kind = 'patient')`,
    );
    await queryRunner.query(
      `ALTER TABLE "patient_exposure" ADD CONSTRAINT "patient_exposure_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Hand-written: a patient's dose record is never changed or deleted (DESIGN.md §7).
    await queryRunner.query(`CREATE FUNCTION patient_exposure_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'patient_exposure is append-only'; END $$`);
    await queryRunner.query(`CREATE TRIGGER patient_exposure_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "patient_exposure"
            FOR EACH STATEMENT EXECUTE FUNCTION patient_exposure_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER patient_exposure_append_only ON "patient_exposure"`);
    await queryRunner.query(`DROP FUNCTION patient_exposure_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "patient_exposure" DROP CONSTRAINT "patient_exposure_person_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "person_patient_key_check"`);
    await queryRunner.query(`DROP INDEX "public"."person_patient_key_key"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "patient_key"`);
    await queryRunner.query(`DROP INDEX "public"."patient_exposure_event_key"`);
    await queryRunner.query(`DROP INDEX "public"."patient_exposure_person_time_idx"`);
    await queryRunner.query(`DROP TABLE "patient_exposure"`);
  }
}
