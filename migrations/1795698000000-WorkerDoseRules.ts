import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker dose rules of DESIGN.md §4 (issue 27): two-badge algorithms as data, the single
 * collar factor and the pregnancy rules per profile, the apron on assignments, the side of
 * extremity badges, the estimated conception on declarations. Hand-written (seeded rules).
 *
 * Existing data keeps the rules it was counted under where the new ones need facts nobody
 * recorded: assignments get no apron flag (null: effective-dose.ts counts them as before),
 * extremity badges no side (their dose counts towards both hands, as the sum it was),
 * declarations no conception (counted from the declaration, as before). Two rules change
 * counted dose, so run `npm run recompute-totals` after this migration (README, Upgrading):
 * the `eu` two-badge coefficient for the under-apron badge goes from 1 to Niklason's 0.94,
 * and every trunk badge now also gives the fetal record (10 CFR 20.1208(c)(1)). Until then the
 * reconcile check reports the totals that differ.
 */
export class WorkerDoseRules1795698000000 implements MigrationInterface {
  name = 'WorkerDoseRules1795698000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "two_badge_algorithm" ("algorithm" text NOT NULL, "under_coefficient" numeric NOT NULL, "over_coefficient" numeric NOT NULL, "source" text NOT NULL, CONSTRAINT "two_badge_algorithm_coefficients_check" CHECK (under_coefficient >= 0 AND over_coefficient >= 0), CONSTRAINT "two_badge_algorithm_pkey" PRIMARY KEY ("algorithm"))`,
    );
    await queryRunner.query(`INSERT INTO two_badge_algorithm (algorithm, under_coefficient, over_coefficient, source) VALUES
      ('webster', 1.5, 0.04, 'Webster EW, "EDE for exposure with protective aprons", Health Phys 1989;56(4):568-569: EDE = 1.5 H(waist, under the apron) + 0.04 H(neck, over it)'),
      ('niklason', 0.94, 0.06, 'Niklason LT, Marx MV, Chan HP, "Interventional radiologists: occupational radiation doses and risks", Radiology 1993;187(3):729-733: E = H_u + 0.06 (H_o - H_u) = 0.94 H_u + 0.06 H_o'),
      ('ncrp122', 0.5, 0.025, 'NCRP Report No. 122 (1995), Use of Personal Monitors to Estimate Effective Dose Equivalent and Effective Dose to Workers for External Exposure to Low-LET Radiation: E = 0.5 H_W + 0.025 H_N')`);
    // A profile other than the seeded two keeps its coefficients as an algorithm of its own.
    await queryRunner.query(`INSERT INTO two_badge_algorithm (algorithm, under_coefficient, over_coefficient, source)
      SELECT 'profile-' || profile, trunk_coefficient, collar_coefficient, source FROM dose_profile
       WHERE profile NOT IN ('eu', 'us-nrc')`);
    await queryRunner.query(`ALTER TABLE "dose_profile" ADD "two_badge_algorithm" text`);
    await queryRunner.query(`ALTER TABLE "dose_profile" ADD "collar_only_factor" numeric`);
    await queryRunner.query(`ALTER TABLE "dose_profile" ADD "collar_only_source" text`);
    await queryRunner.query(`ALTER TABLE "dose_profile" ADD "pregnancy_from" text`);
    await queryRunner.query(`ALTER TABLE "dose_profile" ADD "fetal_declaration_margin_nsv" bigint`);
    await queryRunner.query(`ALTER TABLE "dose_profile" ADD "fetal_monthly_nsv" bigint`);
    await queryRunner.query(`UPDATE dose_profile SET two_badge_algorithm = 'niklason', collar_only_factor = 1,
      collar_only_source = 'No source found for a single collar badge over an apron under this profile: factor 1 (DESIGN.md §4), the collar dose taken as the effective dose',
      pregnancy_from = 'declaration',
      source = '2013/59/Euratom: Art. 9 limits, Art. 10(1) the unborn child from the declaration; two-badge algorithm of Niklason et al.'
      WHERE profile = 'eu'`);
    await queryRunner.query(`UPDATE dose_profile SET two_badge_algorithm = 'webster', collar_only_factor = 0.3,
      collar_only_source = 'One dosimeter at the neck outside the apron: EDE = 0.3 H(neck), CRCPD Suggested State Regulations for Control of Radiation, Part D, Sec. D.1201(c), the rule NRC accepted in NRC Inspection Report 03002977/2001-001 (enforcement discretion); DESIGN.md §4 names it NRC guidance, no NRC guidance document stating 0.3 was found',
      pregnancy_from = 'conception', fetal_declaration_margin_nsv = 500000, fetal_monthly_nsv = 500000,
      source = '10 CFR Part 20: 20.1201 limits, 20.1208 the embryo/fetus over the entire pregnancy with (d) 0.5 mSv for the remainder, 0.5 mSv a month per 20.1208(b) and Reg. Guide 8.36; Webster two-badge EDE'
      WHERE profile = 'us-nrc'`);
    await queryRunner.query(`UPDATE dose_profile SET two_badge_algorithm = 'profile-' || profile, collar_only_factor = 1,
      collar_only_source = 'No source named: factor 1 (DESIGN.md §4)', pregnancy_from = 'declaration'
      WHERE two_badge_algorithm IS NULL`);
    for (const column of [
      'two_badge_algorithm',
      'collar_only_factor',
      'collar_only_source',
      'pregnancy_from',
    ])
      await queryRunner.query(`ALTER TABLE "dose_profile" ALTER COLUMN "${column}" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "dose_profile" ADD CONSTRAINT "dose_profile_pregnancy_from_check" CHECK (pregnancy_from IN ('declaration', 'conception'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_profile" ADD CONSTRAINT "dose_profile_two_badge_algorithm_fk" FOREIGN KEY ("two_badge_algorithm") REFERENCES "two_badge_algorithm"("algorithm") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "dose_profile" DROP COLUMN "trunk_coefficient"`);
    await queryRunner.query(`ALTER TABLE "dose_profile" DROP COLUMN "collar_coefficient"`);

    await queryRunner.query(`ALTER TABLE "badge_assignment" ADD "apron" boolean`);
    await queryRunner.query(`ALTER TABLE "badge" ADD "side" text`);
    await queryRunner.query(
      `ALTER TABLE "badge" ADD CONSTRAINT "badge_side_check" CHECK (side IS NULL OR (side IN ('left', 'right') AND body_location = 'extremity'))`,
    );
    await queryRunner.query(`ALTER TABLE "pregnancy" ADD "estimated_conception" date`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pregnancy" DROP COLUMN "estimated_conception"`);
    await queryRunner.query(`ALTER TABLE "badge" DROP CONSTRAINT "badge_side_check"`);
    await queryRunner.query(`ALTER TABLE "badge" DROP COLUMN "side"`);
    await queryRunner.query(`ALTER TABLE "badge_assignment" DROP COLUMN "apron"`);
    await queryRunner.query(`ALTER TABLE "dose_profile" ADD "trunk_coefficient" numeric`);
    await queryRunner.query(`ALTER TABLE "dose_profile" ADD "collar_coefficient" numeric`);
    await queryRunner.query(`UPDATE dose_profile d SET trunk_coefficient = t.under_coefficient, collar_coefficient = t.over_coefficient
      FROM two_badge_algorithm t WHERE t.algorithm = d.two_badge_algorithm`);
    await queryRunner.query(
      `ALTER TABLE "dose_profile" ALTER COLUMN "trunk_coefficient" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_profile" ALTER COLUMN "collar_coefficient" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_profile" DROP CONSTRAINT "dose_profile_two_badge_algorithm_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_profile" DROP CONSTRAINT "dose_profile_pregnancy_from_check"`,
    );
    for (const column of [
      'fetal_monthly_nsv',
      'fetal_declaration_margin_nsv',
      'pregnancy_from',
      'collar_only_source',
      'collar_only_factor',
      'two_badge_algorithm',
    ])
      await queryRunner.query(`ALTER TABLE "dose_profile" DROP COLUMN "${column}"`);
    await queryRunner.query(`DROP TABLE "two_badge_algorithm"`);
  }
}
