import { parseDecimal, scaleHalfEven, type DecimalRatio } from '../common/decimal-ratio.js';

/**
 * Effective dose of a CT event estimated from its dose-length product (DESIGN.md §3.2):
 * E = DLP × k(body region, age), k in mSv/(mGy·cm).
 *
 * k: AAPM Report No. 96 (2008), "The Measurement, Reporting, and Management of Radiation Dose
 * in CT", Table 4, from Shrimpton et al. (NRPB-W67, 2005) and the European Guidelines on
 * Quality Criteria for CT (EUR 16262, 1999); ICRP 60 tissue weights. Per AAPM 96: adult head
 * and neck and every paediatric factor assume the 16 cm (head) CTDI phantom, the other adult
 * factors the 32 cm (body) phantom — which is what scanners report for those protocols.
 */
const K_FACTORS: Record<CtRegion, Record<AgeBand, string>> = {
  //             0 y       1 y       5 y       10 y      adult
  headAndNeck: { 0: '0.013', 1: '0.0085', 5: '0.0057', 10: '0.0042', adult: '0.0031' },
  head: { 0: '0.011', 1: '0.0067', 5: '0.0040', 10: '0.0032', adult: '0.0021' },
  neck: { 0: '0.017', 1: '0.012', 5: '0.011', 10: '0.0079', adult: '0.0059' },
  chest: { 0: '0.039', 1: '0.026', 5: '0.018', 10: '0.013', adult: '0.014' },
  abdomenPelvis: { 0: '0.049', 1: '0.030', 5: '0.020', 10: '0.015', adult: '0.015' },
  trunk: { 0: '0.044', 1: '0.028', 5: '0.019', 10: '0.014', adult: '0.015' },
};

export type CtRegion = 'headAndNeck' | 'head' | 'neck' | 'chest' | 'abdomenPelvis' | 'trunk';
export type AgeBand = 0 | 1 | 5 | 10 | 'adult';

/** Body region spellings a modality may send, lower-cased, to the table's rows. */
const REGION_NAMES: Record<string, CtRegion> = {
  'head and neck': 'headAndNeck',
  'head & neck': 'headAndNeck',
  'head/neck': 'headAndNeck',
  'head-neck': 'headAndNeck',
  headandneck: 'headAndNeck',
  head: 'head',
  neck: 'neck',
  chest: 'chest',
  thorax: 'chest',
  abdomen: 'abdomenPelvis',
  pelvis: 'abdomenPelvis',
  'abdomen/pelvis': 'abdomenPelvis',
  'abdomen-pelvis': 'abdomenPelvis',
  'abdomen and pelvis': 'abdomenPelvis',
  abdomenpelvis: 'abdomenPelvis',
  trunk: 'trunk',
  'chest/abdomen/pelvis': 'trunk',
  'chest-abdomen-pelvis': 'trunk',
};

/**
 * The phantom age an age in years is nearest to. The tables have phantoms of 0, 1, 5 and 10
 * years and an adult; the bands end halfway between them, and at 15 years, where the ICRP
 * reference 15-year-old (ICRP Publication 89) is closer in size to the adult than to the child.
 */
export function ageBand(ageYears: number): AgeBand {
  if (ageYears < 0.5) return 0;
  if (ageYears < 3) return 1;
  if (ageYears < 7.5) return 5;
  if (ageYears < 15) return 10;
  return 'adult';
}

export function ctRegion(bodyRegion: string): CtRegion | undefined {
  return REGION_NAMES[bodyRegion.trim().toLowerCase().replace(/\s+/g, ' ')];
}

export interface CtEstimate {
  effectiveNsv: bigint;
  /** The factor used, e.g. `0.014`, kept with the event so the estimate can be checked. */
  kFactor: string;
  region: CtRegion;
  ageBand: AgeBand;
}

/**
 * DLP (in nGy·cm: millionths of mGy·cm) × k, in nSv, exact and rounded half to even:
 * 1 mGy·cm × 1 mSv/(mGy·cm) = 1 mSv, so millionths times k are nSv. Undefined without a region
 * of the table or without an age: guessing either would make a number up (a child's k is up to
 * 3.5 times an adult's).
 */
export function estimateCtEffectiveDose(
  dlpNgyCm: bigint,
  bodyRegion: string | null,
  ageYears: number | null,
): CtEstimate | undefined {
  if (bodyRegion === null || ageYears === null) return undefined;
  const region = ctRegion(bodyRegion);
  if (!region) return undefined;
  const band = ageBand(ageYears);
  const kFactor = K_FACTORS[region][band];
  const k: DecimalRatio = parseDecimal(kFactor);
  return { effectiveNsv: scaleHalfEven(dlpNgyCm, k), kFactor, region, ageBand: band };
}
