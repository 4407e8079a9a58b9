import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ModalityKind } from './modality-fields.js';

/**
 * A modality an RSO registered (DESIGN.md §7, §8): the service takes patient exposure events
 * from it, and from no other. Its id is the `{modalityId}` of its MQTT topic.
 */
@Entity({ name: 'modality' })
@Check('modality_id_check', `id ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$'`)
@Check('modality_ae_title_check', `char_length(ae_title) BETWEEN 1 AND 16`)
@Check(
  'modality_kind_check',
  `kind IN ('CT', 'fluoroscopy', 'radiography', 'mammography', 'dental', 'nuclearMedicine')`,
)
@Index('modality_ae_title_key', ['aeTitle'], { unique: true })
export class Modality {
  @PrimaryColumn({ type: 'text' })
  id: string;

  /** The DICOM AE title it calls the service's DICOM node with (DESIGN.md §3.5), if it does. */
  @Column({ name: 'ae_title', type: 'text', nullable: true })
  aeTitle: string | null;

  @Column({ type: 'text' })
  kind: ModalityKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
