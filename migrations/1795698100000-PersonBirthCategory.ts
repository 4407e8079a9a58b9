import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonBirthCategory1795698100000 implements MigrationInterface {
  name = 'PersonBirthCategory1795698100000';

  /**
   * Per person, the date of birth (a minor's or apprentice's limits end on the 18th birthday)
   * and an `eu` worker's classification A or B (2013/59/Euratom Art. 40), both unknown for the
   * people already recorded (DESIGN.md §5). And the limits of the `eu` category `student`.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "person" ADD "date_of_birth" date`);
    await queryRunner.query(`ALTER TABLE "person" ADD "eu_category" text`);
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "person_eu_category_check" CHECK (eu_category IS NULL OR (eu_category IN ('A', 'B') AND kind = 'worker' AND profile = 'eu'))`,
    );
    // Hand-written: apprentices and students under 16, or not obliged to work with radiation
    // sources (2013/59/Euratom Art. 11(4)), have the limits of members of the public (Art. 12).
    // Limits in nSv (1 mSv = 1 000 000 nSv).
    await queryRunner.query(`INSERT INTO dose_limit (profile, category, quantity, period, limit_nsv, source) VALUES
            ('eu', 'student', 'effective', 'year', 1000000, '2013/59/Euratom Art. 11(4) with Art. 12(2): the public limit, 1 mSv per year'),
            ('eu', 'student', 'eyeLens', 'year', 15000000, '2013/59/Euratom Art. 11(4) with Art. 12(3)(a): 15 mSv per year'),
            ('eu', 'student', 'skin', 'year', 50000000, '2013/59/Euratom Art. 11(4) with Art. 12(3)(b): 50 mSv per year averaged over any 1 cm2'),
            ('eu', 'student', 'extremity', 'year', 50000000, '2013/59/Euratom Art. 11(4) with Art. 12(3)(b): Art. 12 sets no extremity limit; the skin limit, 50 mSv per year over any 1 cm2, covers the skin of hands and feet')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM dose_limit WHERE profile = 'eu' AND category = 'student'`);
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "person_eu_category_check"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "eu_category"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "date_of_birth"`);
  }
}
