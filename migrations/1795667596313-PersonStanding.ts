import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonStanding1795667596313 implements MigrationInterface {
  name = 'PersonStanding1795667596313';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "person_standing" ("person_id" uuid NOT NULL, "fraction" double precision NOT NULL, "quantity" text NOT NULL, "period" text NOT NULL, "value_nsv" bigint NOT NULL, "limit_nsv" bigint NOT NULL, "as_of_day" date NOT NULL, CONSTRAINT "PK_2d8dd097d9809178dcccc37b922" PRIMARY KEY ("person_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "person_standing_fraction_idx" ON "person_standing"  ("fraction") `,
    );
    // Hand-written: people with dose already counted get a standing dated long ago, which the
    // alert schedule re-evaluates (stale standings first) within minutes of the upgrade.
    await queryRunner.query(`INSERT INTO person_standing (person_id, fraction, quantity, period, value_nsv, limit_nsv, as_of_day)
            SELECT DISTINCT person_id, 0, 'effective', 'year', 0, 1, DATE '1970-01-01' FROM daily_dose`);
    await queryRunner.query(
      `ALTER TABLE "person_standing" ADD CONSTRAINT "person_standing_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "person_standing" DROP CONSTRAINT "person_standing_person_fk"`,
    );
    await queryRunner.query(`DROP INDEX "public"."person_standing_fraction_idx"`);
    await queryRunner.query(`DROP TABLE "person_standing"`);
  }
}
