/**
 * How a dose estimate was made. The first three are the bases 2013/59/Euratom Art. 41(3)
 * names for an estimate when individual measurement is impossible or inadequate:
 * - `coworkerAverage`: individual measurements of other exposed workers doing the same work;
 * - `workplaceMonitoring`: the results of workplace monitoring (Art. 39: dose rates measured
 *   where the person worked, times the time spent there);
 * - `calculation`: a calculation method (Art. 41(3): one the competent authority approved);
 * - `priorAverage`: the person's own measured dose over comparable earlier periods (common
 *   practice; we found no regulation naming it);
 * - `other`: anything else, explained in the note.
 */
export const ESTIMATE_METHODS = [
  'coworkerAverage',
  'workplaceMonitoring',
  'calculation',
  'priorAverage',
  'other',
] as const;
export type EstimateMethod = (typeof ESTIMATE_METHODS)[number];

/** Why no badge measured the period; `other` is explained in the note. */
export const ESTIMATE_REASONS = ['lost', 'damaged', 'notWorn', 'other'] as const;
export type EstimateReason = (typeof ESTIMATE_REASONS)[number];
