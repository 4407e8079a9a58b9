import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Person } from '../people/person.entity.js';

/** Millionths of the wire unit, exact: DESIGN.md §2. */
const millionths = (name: string) =>
  ({ name, type: 'bigint', nullable: true, transformer: bigintTransformer }) as const;

/**
 * One DICOM dose report as received (DESIGN.md §3.5): its accumulated totals as the modality
 * reported them, beside the sum of the events it carried, so a report whose events do not add
 * up to its totals can be found. Its events are patient_exposure rows with its SOP Instance UID.
 */
@Entity({ name: 'patient_dose_report' })
@Index('patient_dose_report_study_idx', ['studyUid'])
@Check('patient_dose_report_template_check', `template IN ('CT', 'projection')`)
export class PatientDoseReport {
  @PrimaryColumn({
    name: 'modality_id',
    type: 'text',
    primaryKeyConstraintName: 'patient_dose_report_pkey',
  })
  modalityId: string;

  @PrimaryColumn({
    name: 'sop_instance_uid',
    type: 'text',
    primaryKeyConstraintName: 'patient_dose_report_pkey',
  })
  sopInstanceUid: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'patient_dose_report_person_fk' })
  person?: Person;

  @Column({ name: 'study_uid', type: 'text', nullable: true })
  studyUid: string | null;

  /** TID 10011 (CT) or TID 10001 (projection X-ray and fluoroscopy). */
  @Column({ type: 'text' })
  template: 'CT' | 'projection';

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** Irradiation events in the report (0: it had totals only, stored as one event). */
  @Column({ name: 'event_count', type: 'integer' })
  eventCount: number;

  @Column(millionths('total_dlp_ngy_cm'))
  totalDlpNgyCm: bigint | null;

  @Column(millionths('total_dap_ugy_cm2'))
  totalDapUgyCm2: bigint | null;

  @Column(millionths('total_air_kerma_ngy'))
  totalAirKermaNgy: bigint | null;

  @Column(millionths('total_fluoro_time_us'))
  totalFluoroTimeUs: bigint | null;

  @Column(millionths('total_peak_skin_dose_ngy'))
  totalPeakSkinDoseNgy: bigint | null;

  @Column(millionths('events_dlp_ngy_cm'))
  eventsDlpNgyCm: bigint | null;

  @Column(millionths('events_dap_ugy_cm2'))
  eventsDapUgyCm2: bigint | null;

  @Column(millionths('events_air_kerma_ngy'))
  eventsAirKermaNgy: bigint | null;

  @Column(millionths('events_fluoro_time_us'))
  eventsFluoroTimeUs: bigint | null;

  /** Whether each reported total matches its events' sum (null: nothing to compare). */
  @Column({ name: 'totals_agree', type: 'boolean', nullable: true })
  totalsAgree: boolean | null;
}
