import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';

/**
 * One level of one patient rule (DESIGN.md §5): the amount, in millionths of the stored unit
 * (nGy, µGy·cm², µs, nSv; patient-thresholds.ts), at which `level` is reached. Seeded with
 * their sources by migration PatientRules1795699200000, edited by the RSO.
 */
@Entity({ name: 'patient_alert_threshold' })
@Check(
  'patient_alert_threshold_rule_check',
  `(quantity, scope) IN (('referenceAirKerma', 'procedure'), ('referenceAirKerma', '12weeks'), ('peakSkinDose', 'procedure'), ('peakSkinDose', '12months'), ('dap', 'procedure'), ('dap', '12weeks'), ('fluoroTime', 'procedure'), ('effective', 'rolling5Years'), ('effective', 'lifetime'))`,
)
@Check('patient_alert_threshold_level_check', `level IN ('notice', 'warning', 'high', 'critical')`)
@Check('patient_alert_threshold_positive_check', `at_least > 0`)
export class PatientAlertThreshold {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'patient_alert_threshold_pkey' })
  quantity: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'patient_alert_threshold_pkey' })
  scope: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'patient_alert_threshold_pkey' })
  level: string;

  @Column({ name: 'at_least', type: 'bigint', transformer: bigintTransformer })
  atLeast: bigint;

  /** The guidance the number comes from, or the RSO's reason for their own. */
  @Column({ type: 'text' })
  source: string;
}
