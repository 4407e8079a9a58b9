import type { Quantity } from '../../common/quantities.js';
import type { BodyLocation } from '../body-location.js';
import type { DoseRules } from './dose-rules.js';
import { readingDoses } from './reading-doses.js';

/** Every register, so that a badge shows each quantity it can feed. */
const ALL_REGISTERS = { hp10: 1n, hp007: 1n, hp3: 1n };
const ANY_RULES: DoseRules = {
  twoBadge: { under: { numerator: 1n, denominator: 1n }, over: { numerator: 1n, denominator: 1n } },
  collarOnly: { numerator: 1n, denominator: 1n },
};

/**
 * The record quantities some badge of these assignments measures on its own, by the rules of
 * reading-doses.ts: a trunk badge worn without an apron measures the eye lens, under one it
 * does not; only an extremity badge measures the extremities. A quantity none of them
 * measures is not monitored (shown as such, never as 0: DESIGN.md §4). The fetal record
 * is not among them: it runs within a declared pregnancy only (exposure.service.ts).
 */
export function monitoredQuantities(
  assignments: readonly { location: BodyLocation; apron: boolean | null }[],
): Set<Quantity> {
  const monitored = new Set<Quantity>();
  for (const { location, apron } of assignments) {
    const worn = { locations: new Set([location]), apron, pregnant: false };
    const doses = readingDoses(location, ALL_REGISTERS, worn, ANY_RULES);
    for (const quantity of Object.keys(doses) as Quantity[]) monitored.add(quantity);
  }
  return monitored;
}
