import { MigrationInterface, QueryRunner } from 'typeorm';

export class BadgeRegister1795674047387 implements MigrationInterface {
  name = 'BadgeRegister1795674047387';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // No backfill: ingestion builds a serial's row from its stored readings on the serial's
    // first batch after this migration (src/readings/badge-register.entity.ts).
    await queryRunner.query(
      `CREATE TABLE "badge_register" ("serial" text NOT NULL, "hp10_seq" bigint, "hp10_nsv" bigint, "hp007_seq" bigint, "hp007_nsv" bigint, "hp3_seq" bigint, "hp3_nsv" bigint, CONSTRAINT "PK_94f32a627501780034bc6d4715b" PRIMARY KEY ("serial"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "badge_register"`);
  }
}
