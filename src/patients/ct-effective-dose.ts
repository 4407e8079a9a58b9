import { parseDecimal, scaleHalfEven, type DecimalRatio } from '../common/decimal-ratio.js';

/**
 * Effective dose of a CT event estimated from its dose-length product (DESIGN.md §3.2):
 * E = DLP × k(body region, age), k in mSv/(mGy·cm).
 *
 * k: AAPM Report No. 96 (2008), "The Measurement, Reporting, and Management of Radiation Dose
 * in CT", Table 4, from Shrimpton et al. (NRPB-W67, 2005) and the European Guidelines on
 * Quality Criteria for CT (EUR 16262, 1999); ICRP 60 tissue weights. Per AAPM 96: adult head
 * and neck and every paediatric factor assume the 16 cm (head) CTDI phantom, the other adult
 * factors the 32 cm (body) phantom (factorPhantom below).
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

export const CT_PHANTOMS = ['head16', 'body32'] as const;
/** The CTDI phantom a CT dose is reported against: 16 cm (head) or 32 cm (body) PMMA. */
export type CtPhantom = (typeof CT_PHANTOMS)[number];

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

/**
 * The phantom a factor of the table is normalised to (AAPM Report 96, Table 4): 16 cm for the
 * adult head and head-and-neck rows and for every paediatric column, 32 cm for the other adult
 * rows.
 */
export function factorPhantom(region: CtRegion, band: AgeBand): CtPhantom {
  if (band !== 'adult') return 'head16';
  return region === 'head' || region === 'headAndNeck' ? 'head16' : 'body32';
}

export interface CtEstimate {
  effectiveNsv: bigint;
  /** The factor used, e.g. `0.014`, kept with the event so the estimate can be checked. */
  kFactor: string;
  region: CtRegion;
  ageBand: AgeBand;
  /** The phantom the factor assumes; equal to the event's when the event named one. */
  phantom: CtPhantom;
}

/**
 * DLP (in nGy·cm: millionths of mGy·cm) × k, in nSv, exact and rounded half to even:
 * 1 mGy·cm × 1 mSv/(mGy·cm) = 1 mSv, so millionths times k are nSv. Undefined without a region
 * of the table or without an age: guessing either would make a number up (a child's k is up to
 * 3.5 times an adult's).
 *
 * Undefined too when the event names a phantom other than the factor's (a child's body scan
 * reported against the 32 cm phantom, as many scanners do): the same scan has a smaller CTDIvol,
 * and so DLP, in the larger phantom, which attenuates more, so k × DLP would understate the
 * dose. No published factor between the two phantoms could be verified for
 * this service: AAPM Report 204 (2011) gives size-specific conversion factors for each phantom
 * (its Tables 1 and 2), not one between them, and the "× 2" rule of thumb has no source we
 * found. Without one, no estimate is made. An event that names no phantom is taken to be
 * reported against the factor's phantom, as before the field existed.
 */
export function estimateCtEffectiveDose(
  dlpNgyCm: bigint,
  bodyRegion: string | null,
  ageYears: number | null,
  phantom: CtPhantom | null = null,
): CtEstimate | undefined {
  if (bodyRegion === null || ageYears === null) return undefined;
  const region = ctRegion(bodyRegion);
  if (!region) return undefined;
  const band = ageBand(ageYears);
  const assumed = factorPhantom(region, band);
  if (phantom !== null && phantom !== assumed) return undefined;
  const kFactor = K_FACTORS[region][band];
  const k: DecimalRatio = parseDecimal(kFactor);
  return {
    effectiveNsv: scaleHalfEven(dlpNgyCm, k),
    kFactor,
    region,
    ageBand: band,
    phantom: assumed,
  };
}
