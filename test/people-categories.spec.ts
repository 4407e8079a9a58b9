import { dayInZone } from '../src/calendar/facility-day.js';
import type { ExposureDto } from '../src/exposure/dto/exposure.dto.js';
import type { PersonDto } from '../src/people/dto/person.dto.js';
import { eventually } from './support/mqtt-publisher.js';
import { messages, patch, startRsoSession, type RsoSession } from './support/rso-session.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { createWorker } from './support/wearing.js';

const TZ = 'Europe/Paris';

/**
 * Date of birth, worker categories and the EU classification (DESIGN.md §5) through the HTTP
 * API, with FACILITY_TZ=Europe/Paris (UTC+1 in winter, UTC+2 in summer): a category changes
 * at midnight of the facility day, an hour or two before midnight UTC.
 */
describe('people: date of birth and categories', () => {
  let session: RsoSession;
  // A database of its own: one database has one facility time zone (test-app.ts).
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase('people_categories');
    session = await startRsoSession({ FACILITY_TZ: TZ }, { databaseUrl: database.url });
  });
  afterAll(async () => {
    await session?.service.close();
    await database?.drop();
  });

  const create = (body: Record<string, unknown>) =>
    session.rso.post<PersonDto>('/api/v1/people', { kind: 'worker', ...body });
  const exposure = async (personId: string, at: string) => {
    const reply = await session.rso.get<ExposureDto>(
      `/api/v1/people/${personId}/exposure?at=${encodeURIComponent(at)}`,
    );
    expect(reply.status).toBe(200);
    return reply.body;
  };
  /** The category in force and each quantity's limits as `period mSv`. */
  const limitsAt = async (personId: string, at: string) => {
    const { category, quantities } = await exposure(personId, at);
    const limits = Object.fromEntries(
      Object.entries(quantities)
        .filter(([, q]) => q.limits.length > 0)
        .map(([quantity, q]) => [quantity, q.limits.map((l) => `${l.period} ${l.limitMSv}`)]),
    );
    return { category, limits };
  };

  const EU_APPRENTICE = {
    effective: ['year 6'],
    eyeLens: ['year 15'],
    skin: ['year 150'],
    extremity: ['year 150'],
  };
  /** 2013/59/Euratom Art. 11(4): the public limits of Art. 12. */
  const EU_STUDENT = {
    effective: ['year 1'],
    eyeLens: ['year 15'],
    skin: ['year 50'],
    extremity: ['year 50'],
  };
  const EU_ADULT = {
    effective: ['5years 100', 'year 20'],
    eyeLens: ['5years 100', 'year 20'],
    skin: ['year 500'],
    extremity: ['year 500'],
  };

  it('keeps the date of birth, and gives an apprentice the adult limits on the 18th birthday', async () => {
    const created = await create({
      name: 'Ada Apprentice',
      category: 'apprentice',
      dateOfBirth: '2008-06-15',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      category: 'apprentice',
      profile: 'eu',
      dateOfBirth: '2008-06-15',
      euCategory: null,
    });
    const id = created.body.id;
    expect((await session.rso.get(`/api/v1/people/${id}`)).body).toEqual(created.body);
    // 14 June 2026, 23:59:59 in Paris (CEST, UTC+2): the day before the 18th birthday.
    expect(await limitsAt(id, '2026-06-14T21:59:59Z')).toEqual({
      category: 'apprentice',
      limits: EU_APPRENTICE,
    });
    // 15 June 2026, 00:00 in Paris: 18 years old, adult limits (2013/59/Euratom Art. 11(1)).
    expect(await limitsAt(id, '2026-06-14T22:00:00Z')).toEqual({
      category: 'adult',
      limits: EU_ADULT,
    });
    // The stored category is what the RSO gave; the age does the rest.
    expect((await session.rso.get<PersonDto>(`/api/v1/people/${id}`)).body.category).toBe(
      'apprentice',
    );
    // Before 16 (15 June 2024) the same apprentice has the public limits (Art. 11(4)).
    expect(await limitsAt(id, '2024-06-14T12:00:00Z')).toEqual({
      category: 'student',
      limits: EU_STUDENT,
    });
  });

  it('makes a US NRC minor born on 29 February an adult on 1 March of a common year', async () => {
    const id = await createWorker(session.rso, {
      name: 'Leo Leapling',
      profile: 'us-nrc',
      category: 'minor',
      dateOfBirth: '2008-02-29',
    });
    // 28 February 2026, 23:59:59 in Paris (CET, UTC+1): still a minor (10 CFR 20.1207).
    expect(await limitsAt(id, '2026-02-28T22:59:59Z')).toEqual({
      category: 'minor',
      limits: {
        effective: ['year 5'],
        eyeLens: ['year 15'],
        skin: ['year 50'],
        extremity: ['year 50'],
      },
    });
    // 1 March 2026, 00:00 in Paris: the 18th birthday of a leapling in a common year.
    expect(await limitsAt(id, '2026-02-28T23:00:00Z')).toEqual({
      category: 'adult',
      limits: {
        effective: ['year 50'],
        eyeLens: ['year 150'],
        skin: ['year 500'],
        extremity: ['year 500'],
      },
    });
  });

  it('gives an eu student the public limits, each row citing its article', async () => {
    const id = await createWorker(session.rso, { name: 'Sol Student', category: 'student' });
    expect(await limitsAt(id, '2026-06-01T00:00:00Z')).toEqual({
      category: 'student',
      limits: EU_STUDENT,
    });
    const sources = await session.sql(
      `SELECT quantity, source FROM dose_limit WHERE profile = 'eu' AND category = 'student' ORDER BY quantity`,
    );
    expect(sources).toHaveLength(4);
    for (const { source } of sources) expect(source).toMatch(/^2013\/59\/Euratom Art\. 11\(4\)/);
    // us-nrc has no student limits: refused, as any category without limits.
    const refused = await create({ name: 'Nat Nrc', profile: 'us-nrc', category: 'student' });
    expect(refused.status).toBe(400);
    expect(messages(refused)).toBe('Limit profile us-nrc has no limits for category student');
  });

  it('refuses an EU classification for us-nrc people and patients, with a 400', async () => {
    const onCreate = await create({ name: 'Una Nrc', profile: 'us-nrc', euCategory: 'B' });
    expect(onCreate.status).toBe(400);
    expect(messages(onCreate)).toBe(
      'euCategory (2013/59/Euratom Art. 40) is for the eu profile only, not us-nrc',
    );
    const nrc = await createWorker(session.rso, { name: 'Ned Nrc', profile: 'us-nrc' });
    const onUpdate = await patch(session.rso, `/api/v1/people/${nrc}`, { euCategory: 'A' });
    expect(onUpdate.status).toBe(400);
    expect(messages(onUpdate)).toBe(
      'euCategory (2013/59/Euratom Art. 40) is for the eu profile only, not us-nrc',
    );
    // A classified eu worker moving to us-nrc must drop the classification in the same call.
    const eu = await createWorker(session.rso, { name: 'Eva Eu', euCategory: 'B' });
    const move = await patch(session.rso, `/api/v1/people/${eu}`, { profile: 'us-nrc' });
    expect(move.status).toBe(400);
    expect(messages(move)).toBe(
      'euCategory B is for the eu profile only: send euCategory null with profile us-nrc',
    );
    const moved = await patch(session.rso, `/api/v1/people/${eu}`, {
      profile: 'us-nrc',
      euCategory: null,
    });
    expect(moved.body).toMatchObject({ profile: 'us-nrc', euCategory: null });
    const patient = await session.rso.post('/api/v1/people', {
      kind: 'patient',
      name: 'Pat Patient',
      euCategory: 'A',
    });
    expect(patient.status).toBe(400);
    expect(messages(patient)).toBe('euCategory is for workers only: a patient is not classified');
    // The table refuses it too, whoever writes.
    await expect(
      session.sql(`UPDATE person SET eu_category = 'B' WHERE id = $1`, [nrc]),
    ).rejects.toThrow(/person_eu_category_check/);
  });

  it('validates the date of birth and the classification, and audits their changes', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    const bad: [Record<string, unknown>, string][] = [
      [{ dateOfBirth: '2008-02-30' }, 'dateOfBirth'],
      [{ dateOfBirth: '15/06/2008' }, 'dateOfBirth must be a date as YYYY-MM-DD'],
      [{ dateOfBirth: '1899-12-31' }, 'dateOfBirth must not be before 1900-01-01'],
      [{ dateOfBirth: dayInZone(tomorrow, TZ) }, 'dateOfBirth must not be in the future'],
      [{ euCategory: 'C' }, 'euCategory'],
    ];
    for (const [body, message] of bad) {
      const reply = await create({ name: 'Val Invalid', ...body });
      expect({ body, status: reply.status }).toEqual({ body, status: 400 });
      expect(messages(reply)).toContain(message);
    }
    const id = await createWorker(session.rso, { name: 'Max Minor', profile: 'us-nrc' });
    const path = `/api/v1/people/${id}`;
    const set = await patch(session.rso, path, { category: 'minor', dateOfBirth: '2010-01-31' });
    expect(set.body).toMatchObject({ category: 'minor', dateOfBirth: '2010-01-31' });
    expect((await patch(session.rso, path, { dateOfBirth: '2010-13-01' })).status).toBe(400);
    const cleared = await patch(session.rso, path, { dateOfBirth: null });
    expect(cleared.body.dateOfBirth).toBeNull();
    // Without a date of birth a minor stays one, at any date.
    expect((await limitsAt(id, '2040-01-01T00:00:00Z')).category).toBe('minor');
    const audit = await session.sql(
      `SELECT before->>'dateOfBirth' AS before, after->>'dateOfBirth' AS after FROM audit_log
        WHERE entity_id = $1 AND action = 'person.update' ORDER BY id`,
      [id],
    );
    expect(audit).toEqual([
      { before: null, after: '2010-01-31' },
      { before: '2010-01-31', after: null },
    ]);
  });

  describe('the classification alert', () => {
    const today = () => dayInZone(new Date(), TZ);
    const adjust = (personId: string, quantity: string, doseMSv: number) =>
      session.rso.post(`/api/v1/people/${personId}/adjustments`, {
        quantity,
        doseMSv,
        date: today(),
        reason: 'dose for the classification test',
      });
    const alertsOf = async (personId: string, kind: string) =>
      (await session.rso.get(`/api/v1/alerts?personId=${personId}&kind=${kind}`)).body as {
        quantity: string;
        period: string;
        level: string;
        valueMSv: number;
        limitMSv: number;
      }[];
    /** Waits for the doseLimit alert that the evaluation of `valueMSv` raises with the others. */
    const evaluatedAt = (personId: string, quantity: string, valueMSv: number) =>
      eventually(async () =>
        (await alertsOf(personId, 'doseLimit')).find(
          (a) => a.quantity === quantity && a.period.startsWith('year:') && a.valueMSv === valueMSv,
        ),
      );

    /**
     * An eu category B adult: 5.999999 mSv effective this year is below the category A level
     * of 2013/59/Euratom Art. 40(1)(a) (6 mSv); 1 nSv more reaches it: a `classification`
     * warning for the year, beside the doseLimit one (6 mSv is 30 % of 20).
     */
    it('is raised when a category B worker reaches 6 mSv effective in the year', async () => {
      const id = await createWorker(session.rso, { name: 'Bea Bworker', euCategory: 'B' });
      expect((await adjust(id, 'effective', 5.999999)).status).toBe(201);
      // 5.999999 of 20 is 29.99 %: a notice, raised by the evaluation that found no classification.
      await evaluatedAt(id, 'effective', 5.999999);
      expect(await alertsOf(id, 'classification')).toEqual([]);
      expect((await adjust(id, 'effective', 0.000001)).status).toBe(201);
      const [alert] = await eventually(async () => {
        const found = await alertsOf(id, 'classification');
        return found.length > 0 ? found : undefined;
      });
      expect(alert).toMatchObject({
        kind: 'classification',
        level: 'warning',
        personId: id,
        quantity: 'effective',
        period: `year:${today().slice(0, 4)}`,
        valueMSv: 6,
        limitMSv: 6,
        fraction: 1,
        state: 'open',
      });
      // More dose (16 mSv: the doseLimit alert escalates to high, 80 %) leaves the one
      // classification alert as it was: same level, no second alert.
      expect((await adjust(id, 'effective', 10)).status).toBe(201);
      await evaluatedAt(id, 'effective', 16);
      expect(await alertsOf(id, 'classification')).toEqual([alert]);
    });

    /**
     * The lens level is 15 mSv (Art. 40(1)(a)), not 3/10 of the 20 mSv limit. A worker with
     * 15 mSv to the lens and no classification raises nothing; classified B, they are
     * re-evaluated at once (PATCH) and raise it. Category A, or an apprentice, never does.
     */
    it('follows the classification: set to B, the worker is re-evaluated at once', async () => {
      const id = await createWorker(session.rso, { name: 'Lens Worker' });
      expect((await adjust(id, 'eyeLens', 15)).status).toBe(201);
      await evaluatedAt(id, 'eyeLens', 15);
      expect(await alertsOf(id, 'classification')).toEqual([]);
      expect((await patch(session.rso, `/api/v1/people/${id}`, { euCategory: 'B' })).status).toBe(
        200,
      );
      const [alert] = await eventually(async () => {
        const found = await alertsOf(id, 'classification');
        return found.length > 0 ? found : undefined;
      });
      expect(alert).toMatchObject({ quantity: 'eyeLens', valueMSv: 15, limitMSv: 15 });

      const apprentice = await createWorker(session.rso, {
        name: 'Ari Apprentice',
        category: 'apprentice',
        euCategory: 'B',
      });
      const classifiedA = await createWorker(session.rso, { name: 'Abe Aworker', euCategory: 'A' });
      for (const personId of [apprentice, classifiedA]) {
        expect((await adjust(personId, 'effective', 6)).status).toBe(201);
        await evaluatedAt(personId, 'effective', 6);
        expect(await alertsOf(personId, 'classification')).toEqual([]);
      }
    });
  });
});
