import type { ModalityKind } from '../modality-fields.js';

export class ModalityDto {
  id: string;
  aeTitle: string | null;
  kind: ModalityKind;
  registeredAt: string;
}
