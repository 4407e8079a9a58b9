import { MigrationInterface, QueryRunner } from 'typeorm';

export class DailyDoseKeyOrder1795697000000 implements MigrationInterface {
  name = 'DailyDoseKeyOrder1795697000000';

  /**
   * The daily totals' key by (person, day, quantity) instead of (person, quantity, day): the
   * alert rules read a person's days in a range for every quantity at once, which is then one
   * stretch of the index instead of one per quantity (bench/README.md, "Daily totals keyed by
   * person and day"). The new index is
   * built under an exclusive lock on the table: ingestion waits at the broker, unacknowledged,
   * while it builds (once, at upgrade; longer the more daily totals there are).
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "daily_dose" DROP CONSTRAINT "PK_5cb0ab86b01856fa58e3d848188", ADD CONSTRAINT "PK_5cb0ab86b01856fa58e3d848188" PRIMARY KEY ("person_id", "day", "quantity")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "daily_dose" DROP CONSTRAINT "PK_5cb0ab86b01856fa58e3d848188", ADD CONSTRAINT "PK_5cb0ab86b01856fa58e3d848188" PRIMARY KEY ("person_id", "quantity", "day")`,
    );
  }
}
