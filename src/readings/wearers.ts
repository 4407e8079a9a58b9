import type { EntityManager } from 'typeorm';
import type { BodyLocation } from './body-location.js';
import { parseDecimal } from '../common/decimal-ratio.js';
import { groupBy } from '../common/group-by.js';
import { readingDoses, type QuantityDoses } from './rules/reading-doses.js';
import type { DoseRules } from './rules/dose-rules.js';
import type { WornBadges } from './rules/worn-badges.js';
import type { AssignmentRow } from './reading-store.js';
import type { Registers } from './registers.js';
import { plainArray } from '../database/array-literal.js';
import { pipelined, type Statement } from '../database/pipelined.js';

interface WornRow {
  person_id: string;
  body_location: BodyLocation;
  apron: boolean | null;
  valid_from: Date;
  valid_to: Date | null;
}

interface PregnancyRow {
  person_id: string;
  starts: Date;
  ends_at: Date | null;
}

interface ProfileRow {
  id: string;
  under: string;
  over: string;
  collar_only: string;
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

interface Span {
  from: number;
  to: number;
}

interface Worn extends Span {
  location: BodyLocation;
  apron: boolean | null;
}

/**
 * What a wearer's doses depend on besides the reading: the badges they wear at each moment
 * and whether in an apron (by their assignments), their declared pregnancies, and their
 * profile's dose rules.
 */
export class Wearers {
  private constructor(
    private readonly worn: Map<string, Worn[]>,
    private readonly pregnancies: Map<string, Span[]>,
    private readonly rules: Map<string, DoseRules>,
  ) {}

  /** `timeZone`: the facility's, whose days a pregnancy's period is counted in. */
  static async load(
    manager: EntityManager,
    personIds: Iterable<string>,
    timeZone: string,
  ): Promise<Wearers> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return Wearers.from([], [], []);
    // The reads in one round trip (pipelined.ts).
    const [worn, pregnancies, profiles] = await pipelined(
      manager,
      Wearers.statements(ids, timeZone),
    );
    return Wearers.from(
      worn.rows as unknown as WornRow[],
      pregnancies.rows as unknown as PregnancyRow[],
      profiles.rows as unknown as ProfileRow[],
    );
  }

  /**
   * The people's assignments (where each badge is worn, apron or not), their declared
   * pregnancies from the first instant of their first counted facility day (the estimated
   * conception where the profile counts from it, else the declaration's day: fetal-limit.ts),
   * then their profiles' rules.
   */
  private static statements(
    personIds: readonly string[],
    timeZone: string,
  ): [Statement, Statement, Statement] {
    const ids = plainArray(personIds);
    return [
      {
        text: `SELECT a.person_id, b.body_location, a.apron, a.valid_from, a.valid_to
                 FROM badge_assignment a JOIN badge b ON b.serial = a.badge_serial WHERE a.person_id = ANY($1::uuid[])`,
        values: [ids],
      },
      {
        text: `SELECT g.person_id, g.ends_at,
                      CASE WHEN d.pregnancy_from = 'conception' AND g.estimated_conception IS NOT NULL
                           THEN g.estimated_conception::timestamp AT TIME ZONE $2
                           ELSE date_trunc('day', g.declared_at AT TIME ZONE $2) AT TIME ZONE $2 END AS starts
                 FROM pregnancy g JOIN person p ON p.id = g.person_id JOIN dose_profile d ON d.profile = p.profile
                WHERE g.person_id = ANY($1::uuid[])`,
        values: [ids, timeZone],
      },
      {
        text: `SELECT p.id, t.under_coefficient::text AS under, t.over_coefficient::text AS over,
                      d.collar_only_factor::text AS collar_only
                 FROM person p JOIN dose_profile d ON d.profile = p.profile
                 JOIN two_badge_algorithm t ON t.algorithm = d.two_badge_algorithm
                WHERE p.id = ANY($1::uuid[])`,
        values: [ids],
      },
    ];
  }

  /** From the rows of the three statements. */
  private static from(
    assignments: WornRow[],
    pregnancies: PregnancyRow[],
    profiles: ProfileRow[],
  ): Wearers {
    const worn = groupBy(
      assignments.map((a) => ({
        personId: a.person_id,
        location: a.body_location,
        apron: a.apron,
        from: a.valid_from.getTime(),
        to: a.valid_to?.getTime() ?? Number.POSITIVE_INFINITY,
      })),
      (a) => a.personId,
    );
    const rules = new Map(
      profiles.map((p) => [
        p.id,
        {
          twoBadge: { under: parseDecimal(p.under), over: parseDecimal(p.over) },
          collarOnly: parseDecimal(p.collar_only),
        },
      ]),
    );
    const declared = groupBy(
      pregnancies.map((g) => ({
        personId: g.person_id,
        from: g.starts.getTime(),
        to: g.ends_at?.getTime() ?? Number.POSITIVE_INFINITY,
      })),
      (g) => g.personId,
    );
    return new Wearers(worn, declared, rules);
  }

  /** The reading's contribution to its wearer's record quantities (none when unattributed). */
  doses(
    personId: string | null,
    at: Date,
    location: BodyLocation | undefined,
    increments: Registers,
  ): QuantityDoses {
    if (!personId || !location) return {};
    const rules = this.rules.get(personId);
    if (!rules) throw new Error(`No dose profile for person ${personId}`);
    return readingDoses(location, increments, this.wornAt(personId, at), rules);
  }

  /**
   * What the person has on at `at`. The apron: said by any of the assignments then running
   * (assignments.service.ts refuses two that disagree); null when none says.
   */
  private wornAt(personId: string, at: Date): WornBadges {
    const time = at.getTime();
    const locations = new Set<BodyLocation>();
    let apron: boolean | null = null;
    for (const w of this.worn.get(personId) ?? []) {
      if (w.from > time || time >= w.to) continue;
      locations.add(w.location);
      if (w.apron !== null) apron = w.apron;
    }
    const pregnant = (this.pregnancies.get(personId) ?? []).some(
      (g) => g.from <= time && time < g.to,
    );
    return { locations, apron, pregnant };
  }
}
