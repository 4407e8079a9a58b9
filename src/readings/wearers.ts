import type { EntityManager } from 'typeorm';
import type { BodyLocation } from './body-location.js';
import { parseDecimal } from '../common/decimal-ratio.js';
import { groupBy } from '../common/group-by.js';
import { readingDoses, type QuantityDoses, type TwoBadgeFormula } from './quantities.js';
import type { AssignmentRow } from './reading-store.js';
import type { Registers } from './registers.js';
import { plainArray } from '../database/array-literal.js';
import { pipelined, type Statement } from '../database/pipelined.js';

interface WornRow {
  person_id: string;
  body_location: BodyLocation;
  valid_from: Date;
  valid_to: Date | null;
}

interface ProfileRow {
  id: string;
  trunk: string;
  collar: string;
}

/** The person assigned to a badge at `at`, from that badge's assignments ([from, to)). */
export function wearerAt(
  assignments: readonly AssignmentRow[] | undefined,
  at: Date,
): string | null {
  const time = at.getTime();
  const found = assignments?.find(
    (a) => a.from.getTime() <= time && (a.to === null || a.to.getTime() > time),
  );
  return found?.personId ?? null;
}

interface Worn {
  location: BodyLocation;
  from: number;
  to: number;
}

/**
 * What a wearer's doses depend on besides the reading: the badges they wear at each moment
 * (by their assignments) and their profile's two-badge formula.
 */
export class Wearers {
  private constructor(
    private readonly worn: Map<string, Worn[]>,
    private readonly formulas: Map<string, TwoBadgeFormula>,
  ) {}

  static async load(manager: EntityManager, personIds: Iterable<string>): Promise<Wearers> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return Wearers.from([], []);
    // Both reads in one round trip (pipelined.ts).
    const [worn, profiles] = await pipelined(manager, Wearers.statements(ids));
    return Wearers.from(
      worn.rows as unknown as WornRow[],
      profiles.rows as unknown as ProfileRow[],
    );
  }

  /** The people's assignments (with where each badge is worn), then their profiles' formulas. */
  private static statements(personIds: readonly string[]): [Statement, Statement] {
    const ids = plainArray(personIds);
    return [
      {
        text: `SELECT a.person_id, b.body_location, a.valid_from, a.valid_to
                 FROM badge_assignment a JOIN badge b ON b.serial = a.badge_serial WHERE a.person_id = ANY($1::uuid[])`,
        values: [ids],
      },
      {
        text: `SELECT p.id, d.trunk_coefficient::text AS trunk, d.collar_coefficient::text AS collar
                 FROM person p JOIN dose_profile d ON d.profile = p.profile WHERE p.id = ANY($1::uuid[])`,
        values: [ids],
      },
    ];
  }

  /** From the rows of the two statements. */
  private static from(assignments: WornRow[], profiles: ProfileRow[]): Wearers {
    const worn = groupBy(
      assignments.map((a) => ({
        personId: a.person_id,
        location: a.body_location,
        from: a.valid_from.getTime(),
        to: a.valid_to?.getTime() ?? Number.POSITIVE_INFINITY,
      })),
      (a) => a.personId,
    );
    const formulas = new Map(
      profiles.map((p) => [p.id, { trunk: parseDecimal(p.trunk), collar: parseDecimal(p.collar) }]),
    );
    return new Wearers(worn, formulas);
  }

  /** The reading's contribution to its wearer's record quantities (none when unattributed). */
  doses(
    personId: string | null,
    at: Date,
    location: BodyLocation | undefined,
    increments: Registers,
  ): QuantityDoses {
    if (!personId || !location) return {};
    const formula = this.formulas.get(personId);
    if (!formula) throw new Error(`No dose profile for person ${personId}`);
    return readingDoses(location, increments, this.wornAt(personId, at), formula);
  }

  private wornAt(personId: string, at: Date): Set<BodyLocation> {
    const time = at.getTime();
    const worn = new Set<BodyLocation>();
    for (const w of this.worn.get(personId) ?? []) {
      if (w.from <= time && time < w.to) worn.add(w.location);
    }
    return worn;
  }
}
