import { nanosievertsToMillisieverts, nanosievertsToRem } from '../../common/dose-units.js';
import type { AnnualRecordDto, Form5BoxDto } from '../dto/dose-record.dto.js';
import { remText } from '../render/numbers.js';
import {
  FORM5_BOX_NAMES,
  FORM5_BOXES,
  form5Boxes,
  type Form5Box,
  type Form5Facts,
  type Form5Value,
} from './nrc-form5.js';

/** Where each box's figure comes from (README, Reports, has the long form). */
export const FORM5_SOURCES: Record<Form5Box | 'embryoFetus', string> = {
  edex: 'effective (two-badge EDE under an apron, else trunk Hp(10))',
  dde: 'max Hp(10) of trunk, collar, fetal badges + effective adjustments',
  lde: 'eyeLens',
  sdeWholeBody: 'skin',
  sdeExtremity: 'extremity (most exposed)',
  cede: 'no intake monitoring',
  cde: 'no intake monitoring',
  tede: 'EDEX + CEDE',
  tode: 'DDE + CDE',
  embryoFetus: 'fetal (10 CFR 20.2106(e))',
};

function boxDto(name: Form5Box | 'embryoFetus', value: Form5Value): Form5BoxDto {
  const [box, label] = name === 'embryoFetus' ? ['', 'Embryo/fetus'] : FORM5_BOX_NAMES[name];
  const rem = value.nsv === null ? null : nanosievertsToRem(value.nsv);
  return {
    box,
    label,
    source: FORM5_SOURCES[name],
    entry: value.mark ?? remText(rem ?? 0),
    rem,
    mSv: value.nsv === null ? null : nanosievertsToMillisieverts(value.nsv),
    adjustmentsMSv: nanosievertsToMillisieverts(value.adjustmentsNsv),
    estimatedMSv: nanosievertsToMillisieverts(value.estimatedNsv),
    priorExcludedMSv: nanosievertsToMillisieverts(value.priorExcludedNsv),
  };
}

/** Dose boxes as the JSON carries them. */
export const boxesDto = (values: Record<Form5Box, Form5Value>): Record<Form5Box, Form5BoxDto> =>
  Object.fromEntries(FORM5_BOXES.map((name) => [name, boxDto(name, values[name])])) as Record<
    Form5Box,
    Form5BoxDto
  >;

/** The dose boxes of a Form 5, as the record's JSON carries them. */
export function form5BoxesDto(facts: Form5Facts): Pick<AnnualRecordDto, 'boxes' | 'embryoFetus'> {
  const values = form5Boxes(facts);
  return { boxes: boxesDto(values), embryoFetus: boxDto('embryoFetus', values.embryoFetus) };
}
