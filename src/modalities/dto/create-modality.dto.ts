import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { SERIAL_PATTERN } from '../../badges/badge-fields.js';
import { AE_TITLE_PATTERN, MODALITY_KINDS, type ModalityKind } from '../modality-fields.js';

export class CreateModalityDto {
  /** The `{modalityId}` of its topic `dose/v1/modalities/{modalityId}/exposures`. */
  @IsString()
  @Matches(SERIAL_PATTERN, {
    message: 'id must be 1-64 letters, digits or _.:- and start with a letter or digit',
  })
  id: string;

  @IsOptional()
  @IsString()
  @Matches(AE_TITLE_PATTERN, {
    message:
      'aeTitle must be 1-16 printable ASCII characters without a backslash or surrounding spaces',
  })
  aeTitle?: string;

  @IsIn(MODALITY_KINDS)
  kind: ModalityKind;
}
