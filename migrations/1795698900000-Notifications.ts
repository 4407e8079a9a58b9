import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795698900000 implements MigrationInterface {
  name = 'Notifications1795698900000';

  /**
   * Alert notifications by e-mail and webhook (issue 35; DESIGN.md §6), with no entities: the
   * notifications folder reads and writes them by SQL.
   *
   * - `notification_rule`: the RSO's rules as data: kinds and levels to a recipient, quiet
   *   hours, and escalation rules (`escalate_after_minutes`) for `critical` alerts left
   *   unacknowledged. A rule's recipient (`channel`, `target`): an address, a webhook URL, a
   *   login (`user`, its id) or every login of a role (`role`). Deleting a rule sets `deleted_at`, so what it sent stays explained.
   * - `notification_contact`: the e-mail address of a login, for rules naming a user or a role.
   * - `notification_outbox`: one row per alert and level reached, written by a trigger in the
   *   transaction that inserts or escalates the alert, whichever path did it. Its primary key
   *   makes a level recorded once, however often it is reached again.
   * - `notification`: one row per alert, level and recipient (unique), delivered after the
   *   commit by whichever replica claims it; `notification_attempt` keeps every try.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification_rule" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "kinds" text[] NOT NULL DEFAULT '{}',
        "levels" text[] NOT NULL,
        "channel" text NOT NULL,
        "target" text NOT NULL,
        "secret" text,
        "quiet_from" time,
        "quiet_to" time,
        "escalate_after_minutes" integer,
        "created_by" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "deleted_by" text,
        "deleted_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "notification_rule_pk" PRIMARY KEY ("id"),
        CONSTRAINT "notification_rule_channel_check" CHECK (channel IN ('email', 'webhook', 'user', 'role')),
        CONSTRAINT "notification_rule_secret_check" CHECK ((channel = 'webhook') = (secret IS NOT NULL)),
        CONSTRAINT "notification_rule_quiet_check" CHECK ((quiet_from IS NULL) = (quiet_to IS NULL)),
        CONSTRAINT "notification_rule_escalation_check" CHECK (escalate_after_minutes IS NULL OR escalate_after_minutes > 0))`);

    await queryRunner.query(`CREATE TABLE "notification_contact" (
        "user_id" uuid NOT NULL,
        "email" text NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "notification_contact_pk" PRIMARY KEY ("user_id"),
        CONSTRAINT "notification_contact_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE)`);

    await queryRunner.query(`CREATE TABLE "notification_outbox" (
        "alert_id" uuid NOT NULL,
        "level" text NOT NULL,
        "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expanded_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "notification_outbox_pk" PRIMARY KEY ("alert_id", "level"),
        CONSTRAINT "notification_outbox_alert_fk" FOREIGN KEY ("alert_id") REFERENCES "alert"("id") ON DELETE CASCADE)`);
    await queryRunner.query(
      `CREATE INDEX "notification_outbox_unexpanded" ON "notification_outbox" ("raised_at") WHERE expanded_at IS NULL`,
    );
    // Fires for a new alert and for an escalation (level_rank up), not for a repeat or a lower
    // level; a level once recorded is never recorded again (exactly once per level).
    await queryRunner.query(`CREATE FUNCTION alert_notification_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' OR NEW.level_rank > OLD.level_rank THEN
                INSERT INTO notification_outbox (alert_id, level) VALUES (NEW.id, NEW.level)
                ON CONFLICT DO NOTHING;
              END IF;
              RETURN NULL;
            END $$`);
    await queryRunner.query(`CREATE TRIGGER alert_notification_outbox AFTER INSERT OR UPDATE OF level_rank ON "alert"
            FOR EACH ROW EXECUTE FUNCTION alert_notification_outbox()`);

    await queryRunner.query(`CREATE TABLE "notification" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "alert_id" uuid NOT NULL,
        "level" text NOT NULL,
        "rule_id" uuid NOT NULL,
        "channel" text NOT NULL,
        "target" text NOT NULL,
        "escalation" boolean NOT NULL DEFAULT false,
        "state" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_error" text,
        "delivered_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "notification_pk" PRIMARY KEY ("id"),
        CONSTRAINT "notification_once_key" UNIQUE ("alert_id", "level", "channel", "target"),
        CONSTRAINT "notification_state_check" CHECK (state IN ('pending', 'delivered', 'failed')),
        CONSTRAINT "notification_alert_fk" FOREIGN KEY ("alert_id") REFERENCES "alert"("id") ON DELETE CASCADE,
        CONSTRAINT "notification_rule_fk" FOREIGN KEY ("rule_id") REFERENCES "notification_rule"("id"))`);
    await queryRunner.query(
      `CREATE INDEX "notification_due" ON "notification" ("next_attempt_at") WHERE state = 'pending'`,
    );
    await queryRunner.query(`CREATE TABLE "notification_attempt" (
        "notification_id" uuid NOT NULL,
        "attempt" integer NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ok" boolean NOT NULL,
        "error" text,
        CONSTRAINT "notification_attempt_pk" PRIMARY KEY ("notification_id", "attempt"),
        CONSTRAINT "notification_attempt_fk" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_attempt"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP TRIGGER alert_notification_outbox ON "alert"`);
    await queryRunner.query(`DROP FUNCTION alert_notification_outbox()`);
    await queryRunner.query(`DROP TABLE "notification_outbox"`);
    await queryRunner.query(`DROP TABLE "notification_contact"`);
    await queryRunner.query(`DROP TABLE "notification_rule"`);
  }
}
