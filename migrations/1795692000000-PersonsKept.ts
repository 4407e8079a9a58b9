import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonsKept1795692000000 implements MigrationInterface {
  name = 'PersonsKept1795692000000';

  /**
   * `reading_person_fk` checked every inserted reading by locking its wearer's person row (a
   * FOR KEY SHARE lock and its WAL record per reading), a large part of the cost of inserting
   * a batch of readings (bench/README.md, "Postgres write path"). What it guarded, a reading
   * whose person is gone, is ruled out at its source instead: a reading's person comes from a
   * badge assignment (whose own key checks it), and a person is never deleted, because their
   * dose record never is (DESIGN.md §7; 10 CFR 20.2106 keeps records until the licence ends).
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reading" DROP CONSTRAINT "reading_person_fk"`);
    await queryRunner.query(`CREATE FUNCTION person_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'a person is never deleted: their dose record is kept'; END $$`);
    await queryRunner.query(`CREATE TRIGGER person_never_deleted BEFORE DELETE OR TRUNCATE ON "person"
            FOR EACH STATEMENT EXECUTE FUNCTION person_never_deleted()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER person_never_deleted ON "person"`);
    await queryRunner.query(`DROP FUNCTION person_never_deleted()`);
    await queryRunner.query(
      `ALTER TABLE "reading" ADD CONSTRAINT "reading_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }
}
