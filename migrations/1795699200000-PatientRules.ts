import { MigrationInterface, QueryRunner } from 'typeorm';

const NCRP_168 =
  'NCRP Report No. 168 (2010), Radiation Dose Management for Fluoroscopically-Guided Interventional Medical Procedures';
const SIR =
  'Stecker MS et al. (SIR Safety and Health Committee, CIRSE), Guidelines for Patient Radiation Dose Management, J Vasc Interv Radiol 2009;20:S263-S273';
const RECURRENT =
  'Rehani MM et al., Patients undergoing recurrent CT scans: assessing the magnitude, Eur Radiol 2020;30:1828-1836, and the IAEA joint position statement on recurrent imaging (2021): 100 mSv cumulative effective dose';

/**
 * The patient rules complete (DESIGN.md §5, issue 31): peak skin dose and the CT phantom on
 * each exposure event (both optional on the wire, §3.2), and every patient threshold as data,
 * one row per quantity, scope and level, in millionths of the stored unit (nGy, µGy·cm², µs,
 * nSv), each with its source. Until now the thresholds were constants in the code.
 */
export class PatientRules1795699200000 implements MigrationInterface {
  name = 'PatientRules1795699200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "patient_exposure" ADD "peak_skin_dose_ngy" bigint, ADD "ct_phantom" text, ADD CONSTRAINT "patient_exposure_ct_phantom_check" CHECK (ct_phantom IN ('head16', 'body32'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "patient_alert_threshold" ("quantity" text NOT NULL, "scope" text NOT NULL, "level" text NOT NULL, "at_least" bigint NOT NULL, "source" text NOT NULL, CONSTRAINT "patient_alert_threshold_rule_check" CHECK ((quantity, scope) IN (('referenceAirKerma', 'procedure'), ('referenceAirKerma', '12weeks'), ('peakSkinDose', 'procedure'), ('peakSkinDose', '12months'), ('dap', 'procedure'), ('dap', '12weeks'), ('fluoroTime', 'procedure'), ('effective', 'rolling5Years'), ('effective', 'lifetime'))), CONSTRAINT "patient_alert_threshold_level_check" CHECK (level IN ('notice', 'warning', 'high', 'critical')), CONSTRAINT "patient_alert_threshold_positive_check" CHECK (at_least > 0), CONSTRAINT "patient_alert_threshold_pkey" PRIMARY KEY ("quantity", "scope", "level"))`,
    );
    // Hand-written: the defaults of DESIGN.md §5. 1 Gy = 10^9 nGy, 1 Gy·cm² = 10^6 µGy·cm²,
    // 1 min = 6·10^7 µs, 1 mSv = 10^6 nSv.
    const rows: [string, string, string, string, string][] = [
      [
        'referenceAirKerma',
        'procedure',
        'notice',
        '3000000000',
        `${NCRP_168}: first notification level of reference air kerma, 3 Gy; ${SIR}`,
      ],
      [
        'referenceAirKerma',
        'procedure',
        'high',
        '5000000000',
        `${NCRP_168}: substantial radiation dose level (SRDL) of reference air kerma, 5 Gy; ${SIR}: significant radiation dose, 5 Gy`,
      ],
      [
        'referenceAirKerma',
        '12weeks',
        'notice',
        '3000000000',
        `DESIGN.md §5: the per-procedure levels applied to procedures summed over 12 weeks (OpenREM sums dose at the reference point over a set number of weeks); ${NCRP_168}`,
      ],
      [
        'referenceAirKerma',
        '12weeks',
        'high',
        '5000000000',
        `DESIGN.md §5: the per-procedure levels applied to procedures summed over 12 weeks; ${NCRP_168}: SRDL 5 Gy`,
      ],
      [
        'peakSkinDose',
        'procedure',
        'high',
        '3000000000',
        `${NCRP_168}: SRDL of peak skin dose, 3 Gy; ${SIR}: significant radiation dose threshold, 3 Gy`,
      ],
      [
        'peakSkinDose',
        '12months',
        'critical',
        '15000000000',
        'The Joint Commission, reviewable sentinel event (2005): prolonged fluoroscopy with cumulative dose > 1500 rads (15 Gy) to a single field, over 6 to 12 months',
      ],
      [
        'dap',
        'procedure',
        'high',
        '500000000',
        `${NCRP_168}: SRDL of kerma-area product, 500 Gy·cm² (for a 100 cm² field); ${SIR}`,
      ],
      [
        'dap',
        '12weeks',
        'notice',
        '200000000',
        'DESIGN.md §5: OpenREM default fluoroscopy alert level of total DAP summed over the preceding weeks, 200 Gy·cm²',
      ],
      [
        'fluoroTime',
        'procedure',
        'warning',
        '3600000000',
        `${NCRP_168}: SRDL of fluoroscopy time, 60 min; ${SIR}. A warning, not high (our choice): time alone knows neither dose rate nor acquisitions`,
      ],
      [
        'effective',
        'rolling5Years',
        'notice',
        '50000000',
        'DESIGN.md §5: notice at half the recurrent-imaging level of 100 mSv',
      ],
      ['effective', 'rolling5Years', 'warning', '100000000', RECURRENT],
      [
        'effective',
        'lifetime',
        'notice',
        '50000000',
        'DESIGN.md §5: notice at half the recurrent-imaging level of 100 mSv',
      ],
      ['effective', 'lifetime', 'warning', '100000000', RECURRENT],
    ];
    for (const row of rows)
      await queryRunner.query(
        `INSERT INTO patient_alert_threshold (quantity, scope, level, at_least, source)
         VALUES ($1, $2, $3, $4, $5)`,
        row,
      );
    // Per-event rules became per-procedure (the events of one study): an alert of an event
    // alone in its study is that procedure's alert now, so the rule finds it and raises no
    // second one. (A study of several events gets its procedure alert at its next evaluation.)
    await queryRunner.query(
      `UPDATE alert a
          SET period = 'study:' || e.study_uid,
              key = replace(a.key, '|event:' || e.id || '|', '|study:' || e.study_uid || '|')
         FROM patient_exposure e
        WHERE a.kind = 'patientSkin' AND a.period = 'event:' || e.id AND e.study_uid IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM patient_exposure o
                           WHERE o.study_uid = e.study_uid AND o.id <> e.id)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE alert a
          SET period = 'event:' || e.id,
              key = replace(a.key, '|study:' || e.study_uid || '|', '|event:' || e.id || '|')
         FROM patient_exposure e
        WHERE a.kind = 'patientSkin' AND a.period = 'study:' || e.study_uid
          AND NOT EXISTS (SELECT 1 FROM patient_exposure o
                           WHERE o.study_uid = e.study_uid AND o.id <> e.id)`,
    );
    await queryRunner.query(`DROP TABLE "patient_alert_threshold"`);
    await queryRunner.query(
      `ALTER TABLE "patient_exposure" DROP CONSTRAINT "patient_exposure_ct_phantom_check", DROP COLUMN "ct_phantom", DROP COLUMN "peak_skin_dose_ngy"`,
    );
  }
}
