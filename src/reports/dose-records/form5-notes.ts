import { EU_RECORD } from './eu-record.js';
import { NRC_FORM4 } from './nrc-form4.js';
import { NRC_FORM5 } from './nrc-form5.js';

/** What every Form 5 says about how it was filled (nrc-form5.ts has the sources). */
const FORM5_NOTES = [
  `${NRC_FORM5}: kept per 10 CFR 20.2106 (records of individual monitoring results). Doses in rem (1 rem = 10 mSv).`,
  'EDEX from the effective dose record (two-badge EDE where an apron is worn, else the trunk Hp(10)); DDE for the most exposed part of the whole body (10 CFR 20.1201(c)): the largest Hp(10) of the trunk, collar and fetal badges, plus adjustments booked on effective dose. LDE from eye lens Hp(3), SDE,WB from skin Hp(0.07), SDE,ME from the most exposed extremity.',
  'No intakes are monitored (no bioassay or air sampling): CEDE and CDE are NR. TEDE = EDEX + CEDE and TODE = DDE + CDE (10 CFR 20.1003), each counting NR as 0.',
  'NR: not required (no badge here monitors that dose for this person). ND: not detectable (monitored, nothing registered; no reporting threshold is applied).',
];

const PRIOR_NOTE =
  'Prior dose from other employers (10 CFR 20.2104) is listed below but left out of the boxes: this form is the record of this licensee; NRC Form 4 (dose history) lists the prior periods.';

const ESTIMATE_NOTE =
  'Includes dose estimated for a period no badge measured (method and reason listed below): box 9 says ESTIMATE.';

export function form5NotesFor(notMeasured: {
  priorDoses: unknown[];
  doseEstimates: unknown[];
}): string[] {
  return [
    ...FORM5_NOTES,
    ...(notMeasured.priorDoses.length > 0 ? [PRIOR_NOTE] : []),
    ...(notMeasured.doseEstimates.length > 0 ? [ESTIMATE_NOTE] : []),
  ];
}

/** What a Form 4 says: its lines are Form 5 boxes, prior employers' as their records gave them. */
export function form4NotesFor(notMeasured: { doseEstimates: unknown[] }): string[] {
  return [
    `${NRC_FORM4}: kept per 10 CFR 20.2106; prior employers' periods per 10 CFR 20.2104. Doses in rem (1 rem = 10 mSv).`,
    "Each line of this licensee is the year's NRC Form 5 (same boxes and sources); a prior employer's line gives its effective dose as EDEX, DDE, TEDE and TODE, its lens, skin and extremity doses as LDE, SDE,WB and SDE,ME, and NR where it gave none.",
    ...FORM5_NOTES.slice(2),
    ...(notMeasured.doseEstimates.length > 0 ? [ESTIMATE_NOTE] : []),
    'Lifetime: each box summed over the lines (NR counting 0).',
  ];
}

/** What an EU record says about its figures (eu-record.ts has the sources). */
export function euNotesFor(notMeasured: {
  priorDoses: unknown[];
  doseEstimates: unknown[];
}): string[] {
  return [
    `${EU_RECORD}. Doses in mSv for the calendar year, every undertaking's; the part received at other undertakings and the estimated part shown beside.`,
    'Effective dose from the badges by the two-badge rule of the profile where an apron is worn, else the trunk Hp(10); lens of the eye from Hp(3) (eye, collar or un-aproned trunk badge); skin from Hp(0.07); extremities from the most exposed ring or wrist badge. No intakes are monitored (no committed effective dose).',
    ...(notMeasured.priorDoses.length > 0
      ? [
          'Dose received at other undertakings (Annex X, Section B, point 2) as their records gave it, listed below.',
        ]
      : []),
    ...(notMeasured.doseEstimates.length > 0
      ? [
          'Includes ESTIMATED dose for periods no dosimeter measured (2013/59/Euratom Art. 41(3)), method and reason listed below.',
        ]
      : []),
  ];
}
