import { MigrationInterface, QueryRunner } from 'typeorm';

export class DoseRecordFields1795698700000 implements MigrationInterface {
  name = 'DoseRecordFields1795698700000';

  /**
   * The identity block of NRC Form 5 and Form 4 (boxes 3 and 4: ID type and sex) beside the
   * name, ID number (`employee_id`) and date of birth already kept (people/person-options.ts).
   * Both optional: unknown for people recorded before, and blank on the form until given.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "person" ADD "sex" text`);
    await queryRunner.query(`ALTER TABLE "person" ADD "id_type" text`);
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "person_sex_check" CHECK (sex IS NULL OR sex IN ('male', 'female'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "person_id_type_check" CHECK (id_type IS NULL OR id_type IN ('SSN', 'PPN', 'OTH'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "person_id_type_check"`);
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "person_sex_check"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "id_type"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "sex"`);
  }
}
