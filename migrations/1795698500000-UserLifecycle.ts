import { MigrationInterface, QueryRunner } from 'typeorm';

export class UserLifecycle1795698500000 implements MigrationInterface {
  name = 'UserLifecycle1795698500000';

  /**
   * Logins get a life cycle (DESIGN.md §7): `disabled_at`, and `token_version`, which every
   * access token carries and the guard compares, so logout, disabling and a password change
   * end sessions at once. Tokens issued before this migration carry no version: they are
   * refused, and everyone logs in once more.
   *
   * Also the dose a corrected assignment moves (DESIGN.md §7): a `dose_adjustment` kind
   * `reattribution` (beside those of migration DoseNotMeasured), naming the badge and the
   * assignment corrected.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "disabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD "token_version" integer NOT NULL DEFAULT '1'`,
    );
    // Hand-written: every replica listens on this channel (auth/account-changes.ts) and drops
    // what it cached of the login, and closes its alert streams, when the row changes by any
    // path (the API, or an operator's SQL). pg_notify is sent at the commit, never on rollback.
    await queryRunner.query(`CREATE FUNCTION app_user_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_notify('app_user_changed', OLD.id::text); RETURN NULL; END $$`);
    await queryRunner.query(`CREATE TRIGGER app_user_notify_change AFTER UPDATE OR DELETE ON "app_user"
            FOR EACH ROW EXECUTE FUNCTION app_user_notify_change()`);

    await queryRunner.query(`ALTER TABLE "dose_adjustment" ADD "badge_serial" text`);
    await queryRunner.query(`ALTER TABLE "dose_adjustment" ADD "assignment_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" ADD CONSTRAINT "dose_adjustment_reattribution_check" CHECK ((kind = 'reattribution') = (badge_serial IS NOT NULL AND assignment_id IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" DROP CONSTRAINT "dose_adjustment_kind_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" ADD CONSTRAINT "dose_adjustment_kind_check" CHECK ((kind = 'correction' AND prior_dose_id IS NULL AND dose_estimate_id IS NULL) OR (kind = 'priorDose' AND prior_dose_id IS NOT NULL AND dose_estimate_id IS NULL AND dose_nsv > 0) OR (kind = 'estimate' AND dose_estimate_id IS NOT NULL AND prior_dose_id IS NULL AND dose_nsv > 0) OR (kind = 'reattribution' AND prior_dose_id IS NULL AND dose_estimate_id IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" ADD CONSTRAINT "dose_adjustment_assignment_fk" FOREIGN KEY ("assignment_id") REFERENCES "badge_assignment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" DROP CONSTRAINT "dose_adjustment_assignment_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" DROP CONSTRAINT "dose_adjustment_kind_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" DROP CONSTRAINT "dose_adjustment_reattribution_check"`,
    );
    // Reattribution rows cannot be dropped (append-only): the kind check leaves them be.
    await queryRunner.query(
      `ALTER TABLE "dose_adjustment" ADD CONSTRAINT "dose_adjustment_kind_check" CHECK ((kind = 'correction' AND prior_dose_id IS NULL AND dose_estimate_id IS NULL) OR (kind = 'priorDose' AND prior_dose_id IS NOT NULL AND dose_estimate_id IS NULL AND dose_nsv > 0) OR (kind = 'estimate' AND dose_estimate_id IS NOT NULL AND prior_dose_id IS NULL AND dose_nsv > 0)) NOT VALID`,
    );
    await queryRunner.query(`ALTER TABLE "dose_adjustment" DROP COLUMN "assignment_id"`);
    await queryRunner.query(`ALTER TABLE "dose_adjustment" DROP COLUMN "badge_serial"`);
    await queryRunner.query(`DROP TRIGGER app_user_notify_change ON "app_user"`);
    await queryRunner.query(`DROP FUNCTION app_user_notify_change()`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "token_version"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "disabled_at"`);
  }
}
