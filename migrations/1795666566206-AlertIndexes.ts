import { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertIndexes1795666566206 implements MigrationInterface {
  name = 'AlertIndexes1795666566206';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "alert_unpublished_idx" ON "alert"  ("updated_at") WHERE published_rank < level_rank`,
    );
    await queryRunner.query(
      `CREATE INDEX "alert_badge_active_idx" ON "alert"  ("badge_serial", "kind") WHERE state <> 'resolved'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."alert_badge_active_idx"`);
    await queryRunner.query(`DROP INDEX "public"."alert_unpublished_idx"`);
  }
}
