import { MigrationInterface, QueryRunner } from 'typeorm';

/** The rule every default below applies (DESIGN.md §5). */
const RULE =
  'Model ALARA program, NRC Regulatory Guide 10.8 Rev. 2 (1987) App. G: Level I 10 %, Level II 30 % of one quarter of the annual limit';
/** Why the skin, extremity and lens rows differ from that appendix's own table. */
const OLDER_TABLE =
  "the appendix's own table was written for the quarterly limits of 10 CFR Part 20 before its 1991 revision and gives other numbers here";

/**
 * ALARA investigation levels as data per profile and quantity (DESIGN.md §5), in nSv of dose
 * within one calendar quarter. The defaults are 10 % (Level I, alert `notice`) and 30 %
 * (Level II, `warning`) of one quarter of the profile's adult annual limit: for `us-nrc` of
 * 10 CFR 20.1201(a) (5 rem effective, whose quarter 1.25 rem is also the share 10 CFR
 * 20.2104(e)(1) assigns to a quarter without records; 15 rem lens; 50 rem skin and
 * extremities), for `eu` of 2013/59/Euratom Art. 9 (20, 20, 500 and 500 mSv). The Directive
 * sets no investigation levels of its own: for `eu` these are the NRC model rule applied to
 * its limits. The levels replace alaraQuarter's former 10 % / 30 % of the ANNUAL limit within
 * a quarter, four times laxer than the rule.
 */
export class AlaraLevels1795698200000 implements MigrationInterface {
  name = 'AlaraLevels1795698200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alara_level" ("profile" text NOT NULL, "quantity" text NOT NULL, "level_i_nsv" bigint NOT NULL, "level_ii_nsv" bigint NOT NULL, "source" text NOT NULL, CONSTRAINT "alara_level_order_check" CHECK (level_i_nsv > 0 AND level_i_nsv < level_ii_nsv), CONSTRAINT "alara_level_quantity_check" CHECK (quantity IN ('effective', 'eyeLens', 'skin', 'extremity')), CONSTRAINT "alara_level_pkey" PRIMARY KEY ("profile", "quantity"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "alara_level" ADD CONSTRAINT "alara_level_profile_fk" FOREIGN KEY ("profile") REFERENCES "dose_profile"("profile") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Hand-written: the defaults, 1 mSv = 1 000 000 nSv, each row with its source.
    const rows: [string, string, number, number, string][] = [
      [
        'us-nrc',
        'effective',
        1_250_000,
        3_750_000,
        `${RULE}; of 10 CFR 20.1201(a)(1)(i) 5 rem (50 mSv) a year: 125 / 375 mrem (1.25 / 3.75 mSv) a quarter`,
      ],
      [
        'us-nrc',
        'eyeLens',
        3_750_000,
        11_250_000,
        `${RULE}; of 10 CFR 20.1201(a)(2)(i) 15 rem (150 mSv) a year: 375 / 1125 mrem (3.75 / 11.25 mSv) a quarter; ${OLDER_TABLE}`,
      ],
      [
        'us-nrc',
        'skin',
        12_500_000,
        37_500_000,
        `${RULE}; of 10 CFR 20.1201(a)(2)(ii) 50 rem (500 mSv) a year to the skin: 1250 / 3750 mrem (12.5 / 37.5 mSv) a quarter; ${OLDER_TABLE}`,
      ],
      [
        'us-nrc',
        'extremity',
        12_500_000,
        37_500_000,
        `${RULE}; of 10 CFR 20.1201(a)(2)(ii) 50 rem (500 mSv) a year to any extremity: 1250 / 3750 mrem (12.5 / 37.5 mSv) a quarter; ${OLDER_TABLE}`,
      ],
      [
        'eu',
        'effective',
        500_000,
        1_500_000,
        `${RULE}, applied to 2013/59/Euratom Art. 9(2) 20 mSv a year: 0.5 / 1.5 mSv a quarter (the Directive sets no such levels)`,
      ],
      [
        'eu',
        'eyeLens',
        500_000,
        1_500_000,
        `${RULE}, applied to 2013/59/Euratom Art. 9(3)(a) 20 mSv a year: 0.5 / 1.5 mSv a quarter (the Directive sets no such levels)`,
      ],
      [
        'eu',
        'skin',
        12_500_000,
        37_500_000,
        `${RULE}, applied to 2013/59/Euratom Art. 9(3)(b) 500 mSv a year: 12.5 / 37.5 mSv a quarter (the Directive sets no such levels)`,
      ],
      [
        'eu',
        'extremity',
        12_500_000,
        37_500_000,
        `${RULE}, applied to 2013/59/Euratom Art. 9(3)(c) 500 mSv a year: 12.5 / 37.5 mSv a quarter (the Directive sets no such levels)`,
      ],
    ];
    for (const row of rows)
      await queryRunner.query(
        `INSERT INTO alara_level (profile, quantity, level_i_nsv, level_ii_nsv, source)
         VALUES ($1, $2, $3, $4, $5)`,
        row,
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alara_level" DROP CONSTRAINT "alara_level_profile_fk"`);
    await queryRunner.query(`DROP TABLE "alara_level"`);
  }
}
