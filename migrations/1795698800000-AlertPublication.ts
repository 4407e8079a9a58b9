import { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertPublication1795698800000 implements MigrationInterface {
  name = 'AlertPublication1795698800000';

  /**
   * A resolution is published like a raise (DESIGN.md §6: the same topics carry the alert again
   * with `state: resolved`), exactly once: `resolution_published` is the claim, set by whoever
   * sends it; re-opening the alert clears it. Alerts resolved before this migration count as
   * published, so an upgrade sends no old history.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "alert" ADD "resolution_published" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `UPDATE "alert" SET "resolution_published" = true WHERE "state" = 'resolved'`,
    );
    await queryRunner.query(
      `CREATE INDEX "alert_unpublished_resolution_idx" ON "alert" ("updated_at") WHERE state = 'resolved' AND NOT resolution_published`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."alert_unpublished_resolution_idx"`);
    await queryRunner.query(`ALTER TABLE "alert" DROP COLUMN "resolution_published"`);
  }
}
