import { MigrationInterface, QueryRunner } from 'typeorm';

export class DicomDoseReports1795699100000 implements MigrationInterface {
  name = 'DicomDoseReports1795699100000';

  /**
   * DICOM dose reports (DESIGN.md §3.5): the exposure event gains what an RDSR carries (the
   * report it came from, patient sex, peak skin dose, the CTDI phantom, the scanning length),
   * and each report's accumulated totals are kept beside the sum of its events, once per
   * (modality, SOP Instance UID): a repeated C-STORE inserts nothing.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "patient_exposure" ADD "sop_instance_uid" text, ADD "patient_sex" text, ADD "scanning_length_mm" numeric`,
    );
    await queryRunner.query(
      `ALTER TABLE "patient_exposure" ADD CONSTRAINT "patient_exposure_sex_check" CHECK (patient_sex IN ('M', 'F', 'O'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "patient_dose_report" ("modality_id" text NOT NULL, "sop_instance_uid" text NOT NULL, "person_id" uuid NOT NULL, "study_uid" text, "template" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "event_count" integer NOT NULL, "total_dlp_ngy_cm" bigint, "total_dap_ugy_cm2" bigint, "total_air_kerma_ngy" bigint, "total_fluoro_time_us" bigint, "total_peak_skin_dose_ngy" bigint, "events_dlp_ngy_cm" bigint, "events_dap_ugy_cm2" bigint, "events_air_kerma_ngy" bigint, "events_fluoro_time_us" bigint, "totals_agree" boolean, CONSTRAINT "patient_dose_report_template_check" CHECK (template IN ('CT', 'projection')), CONSTRAINT "patient_dose_report_pkey" PRIMARY KEY ("modality_id", "sop_instance_uid"), CONSTRAINT "patient_dose_report_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "patient_dose_report_study_idx" ON "patient_dose_report" ("study_uid") `,
    );
    // Hand-written: a patient's dose record is never changed or deleted (DESIGN.md §7).
    await queryRunner.query(`CREATE FUNCTION patient_dose_report_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'patient_dose_report is append-only'; END $$`);
    await queryRunner.query(`CREATE TRIGGER patient_dose_report_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "patient_dose_report"
            FOR EACH STATEMENT EXECUTE FUNCTION patient_dose_report_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER patient_dose_report_append_only ON "patient_dose_report"`,
    );
    await queryRunner.query(`DROP FUNCTION patient_dose_report_append_only()`);
    await queryRunner.query(`DROP TABLE "patient_dose_report"`);
    await queryRunner.query(
      `ALTER TABLE "patient_exposure" DROP CONSTRAINT "patient_exposure_sex_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "patient_exposure" DROP COLUMN "scanning_length_mm", DROP COLUMN "patient_sex", DROP COLUMN "sop_instance_uid"`,
    );
  }
}
