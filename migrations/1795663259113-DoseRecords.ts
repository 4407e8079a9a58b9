import { MigrationInterface, QueryRunner } from 'typeorm';

export class DoseRecords1795663259113 implements MigrationInterface {
  name = 'DoseRecords1795663259113';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-written: the exclusion constraint on (badge, period) needs btree_gist for text equality.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor" text NOT NULL, "action" text NOT NULL, "entity" text NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_entity_idx" ON "audit_log"  ("entity", "entity_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "name" text NOT NULL, "employee_id" text, "category" text NOT NULL DEFAULT 'adult', "profile" text NOT NULL DEFAULT 'eu', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "person_kind_check" CHECK (kind IN ('worker', 'patient')), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "person_employee_id_key" ON "person"  ("employee_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "badge" ("serial" text NOT NULL, "body_location" text NOT NULL, "status" text NOT NULL DEFAULT 'active', "baseline_hp10_nsv" bigint NOT NULL DEFAULT '0', "baseline_hp007_nsv" bigint NOT NULL DEFAULT '0', "baseline_hp3_nsv" bigint NOT NULL DEFAULT '0', "calibration_due" date, "last_seen_at" TIMESTAMP WITH TIME ZONE, "battery" smallint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "badge_battery_check" CHECK (battery BETWEEN 0 AND 100), CONSTRAINT "badge_baseline_check" CHECK (baseline_hp10_nsv >= 0 AND baseline_hp007_nsv >= 0 AND baseline_hp3_nsv >= 0), CONSTRAINT "badge_status_check" CHECK (status IN ('active', 'lost', 'damaged', 'retired')), CONSTRAINT "badge_body_location_check" CHECK (body_location IN ('trunk', 'collar', 'eye', 'extremity', 'fetal')), CONSTRAINT "badge_serial_check" CHECK (serial ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$'), CONSTRAINT "PK_8a4fd69e4cff4f6de2e776a68fd" PRIMARY KEY ("serial"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "badge_assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "badge_serial" text NOT NULL, "person_id" uuid NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "badge_assignment_period_check" CHECK (valid_to IS NULL OR valid_to > valid_from), CONSTRAINT "badge_assignment_no_overlap" EXCLUDE USING gist ("badge_serial" WITH =, tstzrange("valid_from", "valid_to", '[)') WITH &&), CONSTRAINT "PK_b997b4624686215b5846ea8540f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "badge_assignment_person_idx" ON "badge_assignment"  ("person_id", "valid_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "rejected_message" ("id" BIGSERIAL NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "topic" text NOT NULL, "reason" text NOT NULL, "payload" bytea NOT NULL, "payload_bytes" integer NOT NULL, CONSTRAINT "PK_4a1fb67e98b781f3a6763f8ab3d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "rejected_message_received_idx" ON "rejected_message"  ("received_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "daily_dose" ("person_id" uuid NOT NULL, "quantity" text NOT NULL, "day" date NOT NULL, "dose_nsv" bigint NOT NULL, CONSTRAINT "daily_dose_nonnegative_check" CHECK (dose_nsv >= 0), CONSTRAINT "PK_5cb0ab86b01856fa58e3d848188" PRIMARY KEY ("person_id", "quantity", "day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "reading" ("badge_serial" text NOT NULL, "seq" bigint NOT NULL, "measured_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "hp10_nsv" bigint, "hp007_nsv" bigint, "hp3_nsv" bigint, "inc_hp10_nsv" bigint, "inc_hp007_nsv" bigint, "inc_hp3_nsv" bigint, "reset" boolean NOT NULL DEFAULT false, "dose_rate_nsv_h" bigint, "battery" smallint, "person_id" uuid, CONSTRAINT "reading_seq_check" CHECK (seq >= 0), CONSTRAINT "reading_increments_check" CHECK (inc_hp10_nsv >= 0 AND inc_hp007_nsv >= 0 AND inc_hp3_nsv >= 0), CONSTRAINT "reading_registers_check" CHECK (hp10_nsv >= 0 AND hp007_nsv >= 0 AND hp3_nsv >= 0), CONSTRAINT "PK_f27126df32aecdffc2dd9fd19c8" PRIMARY KEY ("badge_serial", "seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "reading_badge_time_idx" ON "reading"  ("badge_serial", "measured_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "reading_person_time_idx" ON "reading"  ("person_id", "measured_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "app_user_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "badge_assignment" ADD CONSTRAINT "badge_assignment_badge_fk" FOREIGN KEY ("badge_serial") REFERENCES "badge"("serial") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "badge_assignment" ADD CONSTRAINT "badge_assignment_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "daily_dose" ADD CONSTRAINT "daily_dose_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reading" ADD CONSTRAINT "reading_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Hand-written: the audit log is append-only (DESIGN.md §7).
    await queryRunner.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_append_only ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    await queryRunner.query(`ALTER TABLE "reading" DROP CONSTRAINT "reading_person_fk"`);
    await queryRunner.query(`ALTER TABLE "daily_dose" DROP CONSTRAINT "daily_dose_person_fk"`);
    await queryRunner.query(
      `ALTER TABLE "badge_assignment" DROP CONSTRAINT "badge_assignment_person_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "badge_assignment" DROP CONSTRAINT "badge_assignment_badge_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "app_user_person_fk"`);
    await queryRunner.query(`DROP INDEX "public"."reading_person_time_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reading_badge_time_idx"`);
    await queryRunner.query(`DROP TABLE "reading"`);
    await queryRunner.query(`DROP TABLE "daily_dose"`);
    await queryRunner.query(`DROP INDEX "public"."rejected_message_received_idx"`);
    await queryRunner.query(`DROP TABLE "rejected_message"`);
    await queryRunner.query(`DROP INDEX "public"."badge_assignment_person_idx"`);
    await queryRunner.query(`DROP TABLE "badge_assignment"`);
    await queryRunner.query(`DROP TABLE "badge"`);
    await queryRunner.query(`DROP INDEX "public"."person_employee_id_key"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_entity_idx"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}
