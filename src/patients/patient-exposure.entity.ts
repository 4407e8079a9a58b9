import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Person } from '../people/person.entity.js';
import type { CtPhantom } from './ct-effective-dose.js';

/** Millionths of the wire unit (or nSv), exact: DESIGN.md §2. */
const millionths = (name: string) =>
  ({ name, type: 'bigint', nullable: true, transformer: bigintTransformer }) as const;

/**
 * One patient exposure event as received (DESIGN.md §3.2), for the pseudonymised patient's
 * person. `(modality_id, event_id)` is the idempotency key. Append-only, like readings.
 */
@Entity({ name: 'patient_exposure' })
@Index('patient_exposure_event_key', ['modalityId', 'eventId'], { unique: true })
@Index('patient_exposure_person_time_idx', ['personId', 'performedAt'])
@Check(
  'patient_exposure_effective_check',
  `(effective_nsv IS NULL) = (effective_source IS NULL) AND effective_nsv >= 0`,
)
@Check('patient_exposure_source_check', `effective_source IN ('reported', 'estimated')`)
@Check('patient_exposure_ct_phantom_check', `ct_phantom IN ('head16', 'body32')`)
@Check('patient_exposure_sex_check', `patient_sex IN ('M', 'F', 'O')`)
export class PatientExposure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'patient_exposure_person_fk' })
  person?: Person;

  @Column({ name: 'modality_id', type: 'text' })
  modalityId: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'study_uid', type: 'text', nullable: true })
  studyUid: string | null;

  @Column({ name: 'performed_at', type: 'timestamptz' })
  performedAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** DICOM modality code, upper case. */
  @Column({ type: 'text' })
  modality: string;

  @Column({ name: 'body_region', type: 'text', nullable: true })
  bodyRegion: string | null;

  @Column({ name: 'patient_age_years', type: 'numeric', nullable: true })
  patientAgeYears: string | null;

  @Column(millionths('ctdi_vol_ngy'))
  ctdiVolNgy: bigint | null;

  @Column(millionths('dlp_ngy_cm'))
  dlpNgyCm: bigint | null;

  @Column(millionths('dap_ugy_cm2'))
  dapUgyCm2: bigint | null;

  /** Reference air kerma (cumulative, at the interventional reference point). */
  @Column(millionths('air_kerma_ngy'))
  airKermaNgy: bigint | null;

  @Column(millionths('fluoro_time_us'))
  fluoroTimeUs: bigint | null;

  /** Peak skin dose, when the modality or its dose software reported one. */
  @Column(millionths('peak_skin_dose_ngy'))
  peakSkinDoseNgy: bigint | null;

  /** The CTDI phantom the CT dose is reported against: `head16` (16 cm) or `body32` (32 cm). */
  @Column({ name: 'ct_phantom', type: 'text', nullable: true })
  ctPhantom: CtPhantom | null;

  @Column(millionths('effective_nsv'))
  effectiveNsv: bigint | null;

  @Column({ name: 'effective_source', type: 'text', nullable: true })
  effectiveSource: string | null;

  @Column({ name: 'k_factor', type: 'numeric', nullable: true })
  kFactor: string | null;

  /** The DICOM dose report (SR SOP Instance UID) the event came from, if it did. */
  @Column({ name: 'sop_instance_uid', type: 'text', nullable: true })
  sopInstanceUid: string | null;

  /** DICOM Patient's Sex: M, F or O. */
  @Column({ name: 'patient_sex', type: 'text', nullable: true })
  patientSex: string | null;

  @Column({ name: 'scanning_length_mm', type: 'numeric', nullable: true })
  scanningLengthMm: string | null;
}
