import { MigrationInterface, QueryRunner } from 'typeorm';

export class LimitsAlerts1795664646876 implements MigrationInterface {
  name = 'LimitsAlerts1795664646876';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alert" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "kind" text NOT NULL, "level" text NOT NULL, "level_rank" smallint NOT NULL, "person_id" uuid, "badge_serial" text, "quantity" text, "period" text, "value_nsv" bigint, "limit_nsv" bigint, "detail" jsonb, "state" text NOT NULL DEFAULT 'open', "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "acknowledged_by" text, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledge_note" text, "resolved_by" text, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolve_note" text, "published_rank" smallint NOT NULL DEFAULT '0', CONSTRAINT "alert_level_check" CHECK (level IN ('notice', 'warning', 'high', 'critical')), CONSTRAINT "alert_state_check" CHECK (state IN ('open', 'acknowledged', 'resolved')), CONSTRAINT "PK_ad91cad659a3536465d564a4b2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "alert_state_idx" ON "alert"  ("state", "raised_at") `);
    await queryRunner.query(
      `CREATE INDEX "alert_person_idx" ON "alert"  ("person_id", "raised_at") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "alert_key_unique" ON "alert"  ("key") `);
    await queryRunner.query(
      `CREATE TABLE "dose_profile" ("profile" text NOT NULL, "name" text NOT NULL, "trunk_coefficient" numeric NOT NULL, "collar_coefficient" numeric NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_b7d0d6b129781628e3f071ac2a9" PRIMARY KEY ("profile"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "dose_limit" ("profile" text NOT NULL, "category" text NOT NULL, "quantity" text NOT NULL, "period" text NOT NULL, "limit_nsv" bigint NOT NULL, "source" text NOT NULL, CONSTRAINT "dose_limit_positive_check" CHECK (limit_nsv > 0), CONSTRAINT "dose_limit_period_check" CHECK (period IN ('year', '5years', 'pregnancy')), CONSTRAINT "PK_0173101fd17b8e178d6a1415d7c" PRIMARY KEY ("profile", "category", "quantity", "period"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "person_limit" ("person_id" uuid NOT NULL, "quantity" text NOT NULL, "period" text NOT NULL, "limit_nsv" bigint NOT NULL, "reason" text NOT NULL, CONSTRAINT "person_limit_positive_check" CHECK (limit_nsv > 0), CONSTRAINT "person_limit_period_check" CHECK (period IN ('year', '5years', 'pregnancy')), CONSTRAINT "PK_f1a8a5481b9a0370f696d82accb" PRIMARY KEY ("person_id", "quantity", "period"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pregnancy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pregnancy_period_check" CHECK (ends_at IS NULL OR ends_at > declared_at), CONSTRAINT "PK_8a65db0e3c36aa02c739c453dec" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "pregnancy_person_idx" ON "pregnancy"  ("person_id", "declared_at") `,
    );
    await queryRunner.query(`ALTER TABLE "reading" ADD "effective_nsv" bigint`);
    await queryRunner.query(`ALTER TABLE "reading" ADD "skin_nsv" bigint`);
    await queryRunner.query(`ALTER TABLE "reading" ADD "eye_lens_nsv" bigint`);
    await queryRunner.query(`ALTER TABLE "reading" ADD "extremity_nsv" bigint`);
    await queryRunner.query(`ALTER TABLE "reading" ADD "fetal_nsv" bigint`);
    // Hand-written: the limit profiles of DESIGN.md §5, each number with its source.
    await queryRunner.query(`INSERT INTO dose_profile (profile, name, trunk_coefficient, collar_coefficient, source) VALUES
            ('eu', 'EU (Council Directive 2013/59/Euratom)', 1, 0.06,
             'Two-badge effective dose: Niklason et al. 1994 (no thyroid shield), E = H(trunk, under apron) + 0.06 H(collar)'),
            ('us-nrc', 'US NRC (10 CFR Part 20)', 1.5, 0.04,
             'Two-badge effective dose equivalent: Webster 1989, EDE = 1.5 H(waist, under apron) + 0.04 H(neck), accepted by NRC guidance (RIS 2002-06)')`);
    // Limits in nSv (1 mSv = 1 000 000 nSv).
    await queryRunner.query(`INSERT INTO dose_limit (profile, category, quantity, period, limit_nsv, source) VALUES
            ('eu', 'adult', 'effective', 'year', 20000000, '2013/59/Euratom Art. 9(2): 20 mSv in any single year (authorities may allow 50 in one year within 100 over five: edit this limit where they do)'),
            ('eu', 'adult', 'effective', '5years', 100000000, '2013/59/Euratom Art. 9(2): 100 mSv in five consecutive years'),
            ('eu', 'adult', 'eyeLens', 'year', 20000000, '2013/59/Euratom Art. 9(3)(a): 20 mSv in a single year'),
            ('eu', 'adult', 'eyeLens', '5years', 100000000, '2013/59/Euratom Art. 9(3)(a): 100 mSv in five consecutive years, no single year above 50 mSv'),
            ('eu', 'adult', 'skin', 'year', 500000000, '2013/59/Euratom Art. 9(3)(b): 500 mSv per year averaged over any 1 cm2'),
            ('eu', 'adult', 'extremity', 'year', 500000000, '2013/59/Euratom Art. 9(3)(c): 500 mSv per year'),
            ('eu', 'apprentice', 'effective', 'year', 6000000, '2013/59/Euratom Art. 11(2): apprentices and students aged 16 to 18, 6 mSv per year'),
            ('eu', 'apprentice', 'eyeLens', 'year', 15000000, '2013/59/Euratom Art. 11(3)(a): 15 mSv per year'),
            ('eu', 'apprentice', 'skin', 'year', 150000000, '2013/59/Euratom Art. 11(3)(b): 150 mSv per year'),
            ('eu', 'apprentice', 'extremity', 'year', 150000000, '2013/59/Euratom Art. 11(3)(c): 150 mSv per year'),
            ('eu', 'pregnancy', 'fetal', 'pregnancy', 1000000, '2013/59/Euratom Art. 10(1): 1 mSv to the unborn child for at least the remainder of the pregnancy'),
            ('us-nrc', 'adult', 'effective', 'year', 50000000, '10 CFR 20.1201(a)(1)(i): total effective dose equivalent 5 rem (0.05 Sv) per year'),
            ('us-nrc', 'adult', 'eyeLens', 'year', 150000000, '10 CFR 20.1201(a)(2)(i): lens dose equivalent 15 rem (0.15 Sv) per year'),
            ('us-nrc', 'adult', 'skin', 'year', 500000000, '10 CFR 20.1201(a)(2)(ii): shallow-dose equivalent to the skin 50 rem (0.5 Sv) per year'),
            ('us-nrc', 'adult', 'extremity', 'year', 500000000, '10 CFR 20.1201(a)(2)(ii): shallow-dose equivalent to any extremity 50 rem (0.5 Sv) per year'),
            ('us-nrc', 'minor', 'effective', 'year', 5000000, '10 CFR 20.1207: minors, 10 percent of the adult limits'),
            ('us-nrc', 'minor', 'eyeLens', 'year', 15000000, '10 CFR 20.1207: minors, 10 percent of the adult limits'),
            ('us-nrc', 'minor', 'skin', 'year', 50000000, '10 CFR 20.1207: minors, 10 percent of the adult limits'),
            ('us-nrc', 'minor', 'extremity', 'year', 50000000, '10 CFR 20.1207: minors, 10 percent of the adult limits'),
            ('us-nrc', 'pregnancy', 'fetal', 'pregnancy', 5000000, '10 CFR 20.1208(a): 0.5 rem (5 mSv) to the embryo/fetus during the entire pregnancy')`);
    // Hand-written: readings stored before contributions were kept get the single-badge
    // mapping their totals were counted with; npm run recompute-totals applies two-badge rules.
    await queryRunner.query(`UPDATE reading r SET
            effective_nsv = CASE WHEN b.body_location IN ('trunk', 'collar') THEN r.inc_hp10_nsv END,
            skin_nsv = CASE WHEN b.body_location IN ('trunk', 'collar') THEN r.inc_hp007_nsv END,
            eye_lens_nsv = CASE WHEN b.body_location IN ('collar', 'eye') THEN coalesce(r.inc_hp3_nsv, r.inc_hp007_nsv) END,
            extremity_nsv = CASE WHEN b.body_location = 'extremity' THEN r.inc_hp007_nsv END,
            fetal_nsv = CASE WHEN b.body_location = 'fetal' THEN r.inc_hp10_nsv END
            FROM badge b WHERE b.serial = r.badge_serial AND r.person_id IS NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "person_profile_fk" FOREIGN KEY ("profile") REFERENCES "dose_profile"("profile") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_limit" ADD CONSTRAINT "dose_limit_profile_fk" FOREIGN KEY ("profile") REFERENCES "dose_profile"("profile") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person_limit" ADD CONSTRAINT "person_limit_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pregnancy" ADD CONSTRAINT "pregnancy_person_fk" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pregnancy" DROP CONSTRAINT "pregnancy_person_fk"`);
    await queryRunner.query(`ALTER TABLE "person_limit" DROP CONSTRAINT "person_limit_person_fk"`);
    await queryRunner.query(`ALTER TABLE "dose_limit" DROP CONSTRAINT "dose_limit_profile_fk"`);
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "person_profile_fk"`);
    await queryRunner.query(`ALTER TABLE "reading" DROP COLUMN "fetal_nsv"`);
    await queryRunner.query(`ALTER TABLE "reading" DROP COLUMN "extremity_nsv"`);
    await queryRunner.query(`ALTER TABLE "reading" DROP COLUMN "eye_lens_nsv"`);
    await queryRunner.query(`ALTER TABLE "reading" DROP COLUMN "skin_nsv"`);
    await queryRunner.query(`ALTER TABLE "reading" DROP COLUMN "effective_nsv"`);
    await queryRunner.query(`DROP INDEX "public"."pregnancy_person_idx"`);
    await queryRunner.query(`DROP TABLE "pregnancy"`);
    await queryRunner.query(`DROP TABLE "person_limit"`);
    await queryRunner.query(`DROP TABLE "dose_limit"`);
    await queryRunner.query(`DROP TABLE "dose_profile"`);
    await queryRunner.query(`DROP INDEX "public"."alert_key_unique"`);
    await queryRunner.query(`DROP INDEX "public"."alert_person_idx"`);
    await queryRunner.query(`DROP INDEX "public"."alert_state_idx"`);
    await queryRunner.query(`DROP TABLE "alert"`);
  }
}
