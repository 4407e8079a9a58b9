import { randomUUID } from 'node:crypto';
import type { LimitProfileDto, ProfileLimitDto } from '../src/limits/dto/limit-profile.dto.js';
import type { ExposureDto } from '../src/exposure/dto/exposure.dto.js';
import type { Http } from './support/http.js';
import { messages, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { createWorker } from './support/wearing.js';

/**
 * Limit profiles and personal limits (DESIGN.md §5, §7, §8) over HTTP. The seeded profiles
 * are shared by every test file of the run, so the writes here go to a profile of this file's
 * own, inserted in SQL (the API offers no profile creation).
 */
describe('limit profiles and personal limits', () => {
  let session: RsoSession;
  let rso: Http;
  const scratch = unique('test-profile');
  const sql = (query: string, params?: unknown[]) => session.sql(query, params);
  const put = (client: Http, path: string, body: unknown) => client.send('PUT', path, body);
  const audit = (entityId: string) =>
    sql(`SELECT actor, action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
      entityId,
    ]);

  beforeAll(async () => {
    session = await startRsoSession();
    rso = session.rso;
    await sql(
      `INSERT INTO dose_profile (profile, name, two_badge_algorithm, collar_only_factor,
                                 collar_only_source, pregnancy_from, source)
       VALUES ($1, 'Scratch profile', 'ncrp122', 1, 'test', 'declaration', 'test')`,
      [scratch],
    );
  });
  afterAll(() => session.service.close());

  it('lists the seeded profiles with their coefficients and limits', async () => {
    const reply = await rso.get<LimitProfileDto[]>('/api/v1/limit-profiles');
    expect(reply.status).toBe(200);
    const [eu, nrc] = ['eu', 'us-nrc'].map((name) => reply.body.find((p) => p.profile === name));
    expect(eu).toMatchObject({
      name: 'EU (Council Directive 2013/59/Euratom)',
      // Niklason: E = H_u + 0.06 (H_o - H_u) = 0.94 H_u + 0.06 H_o.
      twoBadge: {
        algorithm: 'niklason',
        trunk: 0.94,
        collar: 0.06,
        source: expect.stringContaining('Niklason'),
      },
      collarOnly: { factor: 1 },
      pregnancyFrom: 'declaration',
    });
    expect(nrc).toMatchObject({
      twoBadge: { algorithm: 'webster', trunk: 1.5, collar: 0.04 },
      collarOnly: { factor: 0.3, source: expect.stringContaining('D.1201') },
      pregnancyFrom: 'conception',
    });
    const brief = (limits: ProfileLimitDto[] = []) =>
      limits.map((l) => `${l.category} ${l.quantity} ${l.period} ${l.limitMSv}`);
    // Ordered by category, quantity, period ('5years' sorts before 'year').
    expect(brief(eu?.limits)).toEqual([
      'adult effective 5years 100',
      'adult effective year 20',
      'adult extremity year 500',
      'adult eyeLens 5years 100',
      'adult eyeLens year 20',
      'adult skin year 500',
      'apprentice effective year 6',
      'apprentice extremity year 150',
      'apprentice eyeLens year 15',
      'apprentice skin year 150',
      'pregnancy fetal pregnancy 1',
      'student effective year 1',
      'student extremity year 50',
      'student eyeLens year 15',
      'student skin year 50',
    ]);
    expect(brief(nrc?.limits)).toEqual([
      'adult effective year 50',
      'adult extremity year 500',
      'adult eyeLens year 150',
      'adult skin year 500',
      'minor effective year 5',
      'minor extremity year 50',
      'minor eyeLens year 15',
      'minor skin year 50',
      'pregnancy fetal pregnancy 5',
    ]);
    expect(nrc?.limits[0].source).toMatch(/^10 CFR 20\.1201\(a\)\(1\)\(i\)/);
  });

  it('sets a profile limit, then replaces it, each audited with what it replaced', async () => {
    const path = `/api/v1/limit-profiles/${scratch}/limits`;
    const body = {
      category: 'adult',
      quantity: 'effective',
      period: 'year',
      limitMSv: 12.5,
      source: 'Local constraint',
    };
    const created = await put(rso, path, body);
    expect(created).toEqual({
      status: 200,
      body: {
        category: 'adult',
        quantity: 'effective',
        period: 'year',
        limitMSv: 12.5,
        source: 'Local constraint',
      },
    });
    const replaced = await put(rso, path, { ...body, limitMSv: 10.000001, source: 'Revised' });
    expect(replaced.body).toMatchObject({ limitMSv: 10.000001, source: 'Revised' });
    const rows = await sql(`SELECT limit_nsv::text AS nsv FROM dose_limit WHERE profile = $1`, [
      scratch,
    ]);
    expect(rows).toEqual([{ nsv: '10000001' }]);
    const listed = (await rso.get<LimitProfileDto[]>('/api/v1/limit-profiles')).body.find(
      (p) => p.profile === scratch,
    );
    expect(listed).toEqual({
      profile: scratch,
      name: 'Scratch profile',
      twoBadge: {
        algorithm: 'ncrp122',
        trunk: 0.5,
        collar: 0.025,
        source: expect.stringContaining('NCRP Report No. 122'),
      },
      collarOnly: { factor: 1, source: 'test' },
      pregnancyFrom: 'declaration',
      limits: [replaced.body],
    });
    expect(await audit(`${scratch}/adult/effective/year`)).toEqual([
      { actor: session.rsoName, action: 'limit.update', before: null, after: created.body },
      {
        actor: session.rsoName,
        action: 'limit.update',
        before: created.body,
        after: replaced.body,
      },
    ]);
  });

  it('refuses bad limits (400 naming the fields), unknown profiles (404) and non-RSOs', async () => {
    const path = `/api/v1/limit-profiles/${scratch}/limits`;
    const bad = await put(rso, path, {
      category: 'child',
      quantity: 'dose',
      period: 'month',
      limitMSv: 0,
      source: ' ',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    for (const field of ['category', 'quantity', 'period', 'limitMSv', 'source', 'extra'])
      expect(messages(bad)).toContain(field);
    const valid = {
      category: 'adult',
      quantity: 'skin',
      period: 'year',
      limitMSv: 400,
      source: 'x',
    };
    for (const change of [{ limitMSv: '5' }, { limitMSv: 0.0000004 }, { source: undefined }])
      expect((await put(rso, path, { ...valid, ...change })).status).toBe(400);
    // A pregnancy limit is measured from the declaration: only category and period together.
    const mismatched = await put(rso, path, { ...valid, period: 'pregnancy' });
    expect(mismatched.status).toBe(400);
    expect(messages(mismatched)).toBe(
      'period pregnancy goes with category pregnancy, and only with it',
    );
    expect((await put(rso, path, { ...valid, category: 'pregnancy' })).status).toBe(400);
    const missing = await put(rso, '/api/v1/limit-profiles/mars/limits', valid);
    expect(missing.status).toBe(404);
    expect(messages(missing)).toBe('Limit profile mars not found');
    for (const client of [session.technician, session.admin]) {
      expect((await client.get('/api/v1/limit-profiles')).status).toBe(403);
      expect((await put(client, path, valid)).status).toBe(403);
    }
    expect((await session.http.get('/api/v1/limit-profiles')).status).toBe(401);
    expect(
      await sql(`SELECT 1 FROM dose_limit WHERE profile = $1 AND quantity = 'skin'`, [scratch]),
    ).toEqual([]);
  });

  it('sets, replaces and removes a personal limit, audited, and validates it', async () => {
    const id = await createWorker(rso, { name: 'Lee Limited' });
    const path = `/api/v1/people/${id}/limits`;
    const body = { quantity: 'eyeLens', period: 'year', limitMSv: 6, reason: 'Cataract history' };
    const set = await put(rso, path, body);
    expect(set).toEqual({ status: 200, body: { personId: id, ...body } });
    const lowered = await put(rso, path, { ...body, limitMSv: 5 });
    expect(lowered.body).toEqual({ personId: id, ...body, limitMSv: 5 });
    const eyeLens = async () =>
      (await rso.get<ExposureDto>(`/api/v1/people/${id}/exposure?at=2026-06-01T00:00:00Z`)).body
        .quantities.eyeLens.limits;
    expect(await eyeLens()).toEqual([
      { period: '5years', limitMSv: 100, fraction: 0 },
      { period: 'year', limitMSv: 5, fraction: 0 },
    ]);
    expect((await rso.send('DELETE', `${path}/eyeLens/year`)).status).toBe(204);
    expect((await eyeLens())[1]).toEqual({ period: 'year', limitMSv: 20, fraction: 0 });
    // An own limit where the profile has none is added beside the profile's, in period order.
    const extra = { quantity: 'extremity', period: '5years', limitMSv: 300, reason: 'Hand eczema' };
    expect((await put(rso, path, extra)).status).toBe(200);
    const extremity = (
      await rso.get<ExposureDto>(`/api/v1/people/${id}/exposure?at=2026-06-01T00:00:00Z`)
    ).body.quantities.extremity.limits;
    expect(extremity).toEqual([
      { period: '5years', limitMSv: 300, fraction: 0 },
      { period: 'year', limitMSv: 500, fraction: 0 },
    ]);
    expect((await rso.send('DELETE', `${path}/extremity/5years`)).status).toBe(204);
    const again = await rso.send('DELETE', `${path}/eyeLens/year`);
    expect(again.status).toBe(404);
    expect(messages(again)).toBe(`Person ${id} has no own eyeLens year limit`);
    expect(await audit(`${id}/eyeLens/year`)).toEqual([
      { actor: session.rsoName, action: 'person-limit.update', before: null, after: set.body },
      {
        actor: session.rsoName,
        action: 'person-limit.update',
        before: set.body,
        after: lowered.body,
      },
      { actor: session.rsoName, action: 'person-limit.delete', before: lowered.body, after: null },
    ]);

    const bad = await put(rso, path, {
      quantity: 'dose',
      period: 'month',
      limitMSv: -1,
      reason: '',
    });
    expect(bad.status).toBe(400);
    for (const field of ['quantity', 'period', 'limitMSv', 'reason'])
      expect(messages(bad)).toContain(field);
    expect((await rso.send('DELETE', `${path}/dose/month`)).status).toBe(400);
    expect((await put(rso, `/api/v1/people/${randomUUID()}/limits`, body)).status).toBe(404);
    expect((await put(rso, '/api/v1/people/not-a-uuid/limits', body)).status).toBe(400);
    expect((await put(session.technician, path, body)).status).toBe(403);
    expect((await session.technician.send('DELETE', `${path}/eyeLens/year`)).status).toBe(403);
  });

  describe('declared pregnancies', () => {
    const declare = (personId: string, body: unknown) =>
      rso.post(`/api/v1/people/${personId}/pregnancy`, body);
    const end = (personId: string, pregnancyId: string, endsAt: string) =>
      rso.send('PATCH', `/api/v1/people/${personId}/pregnancy/${pregnancyId}`, { endsAt });

    it('declares, refuses overlaps (409), ends and lists, all audited', async () => {
      const id = await createWorker(rso, { name: 'Mia Mother' });
      const first = await declare(id, { declaredAt: '2026-03-01T09:00:00+01:00' });
      expect(first).toEqual({
        status: 201,
        body: {
          id: expect.any(String),
          personId: id,
          declaredAt: '2026-03-01T08:00:00.000Z',
          estimatedConception: null,
          endsAt: null,
        },
      });
      // The first runs open-ended: any later start overlaps it.
      const overlapping = await declare(id, { declaredAt: '2026-05-01T00:00:00Z' });
      expect(overlapping.status).toBe(409);
      expect(messages(overlapping)).toBe(
        `Person ${id} has a declared pregnancy from 2026-03-01T08:00:00.000Z in that period`,
      );
      const ended = await end(id, first.body.id, '2026-09-01T00:00:00Z');
      expect(ended).toEqual({
        status: 200,
        body: { ...first.body, endsAt: '2026-09-01T00:00:00.000Z' },
      });
      // Periods are [declaredAt, endsAt): the next may start where the first ends.
      const second = await declare(id, { declaredAt: '2026-09-01T00:00:00Z' });
      expect(second.status).toBe(201);
      const inside = { declaredAt: '2026-08-01T00:00:00Z', endsAt: '2026-08-15T00:00:00Z' };
      expect((await declare(id, inside)).status).toBe(409);
      expect((await end(id, first.body.id, '2026-09-15T00:00:00Z')).status).toBe(409);
      expect(await rso.get(`/api/v1/people/${id}/pregnancy`)).toEqual({
        status: 200,
        body: [ended.body, second.body],
      });
      const fetal = async (at: string) =>
        (await rso.get<ExposureDto>(`/api/v1/people/${id}/exposure?at=${at}`)).body.quantities.fetal
          .limits;
      expect(await fetal('2026-08-31T23:59:59Z')).toEqual([
        { period: 'pregnancy', limitMSv: 1, fraction: 0 },
      ]);
      expect(await fetal('2026-02-28T00:00:00Z')).toEqual([]);
      expect(await audit(first.body.id)).toEqual([
        { actor: session.rsoName, action: 'pregnancy.declare', before: null, after: first.body },
        { actor: session.rsoName, action: 'pregnancy.end', before: first.body, after: ended.body },
      ]);
      expect((await audit(second.body.id)).map((row) => row.action)).toEqual(['pregnancy.declare']);
    });

    it('gives a US NRC declared pregnant worker 5 mSv to the fetus', async () => {
      const id = await createWorker(rso, { name: 'Nora Nrc', profile: 'us-nrc' });
      const declared = await declare(id, {
        declaredAt: '2026-01-10T00:00:00Z',
        estimatedConception: '2025-11-20',
      });
      expect(declared.status).toBe(201);
      expect(declared.body).toMatchObject({ estimatedConception: '2025-11-20' });
      const reply = await rso.get(`/api/v1/people/${id}/exposure?at=2026-02-01T00:00:00Z`);
      expect(reply.body.quantities.fetal).toMatchObject({
        pregnancy: 0,
        limits: [{ period: 'pregnancy', limitMSv: 5, fraction: 0 }],
      });
    });

    it('refuses patients, bad periods and unknown ids, and writes nothing', async () => {
      const patient = await rso.post('/api/v1/people', { kind: 'patient', name: 'Pat Patient' });
      const refused = await declare(patient.body.id, { declaredAt: '2026-01-10T00:00:00Z' });
      expect(refused.status).toBe(400);
      expect(messages(refused)).toBe(
        `Person ${patient.body.id} is a patient: only a worker declares a pregnancy`,
      );
      const id = await createWorker(rso, { name: 'Val Validated' });
      const bad = await declare(id, {
        declaredAt: '2026-01-10T00:00:00',
        endsAt: 'soon',
        extra: 1,
      });
      expect(bad.status).toBe(400);
      for (const field of ['declaredAt', 'endsAt', 'extra']) expect(messages(bad)).toContain(field);
      const backwards = { declaredAt: '2026-01-10T00:00:00Z', endsAt: '2026-01-10T00:00:00Z' };
      expect(messages(await declare(id, backwards))).toBe('endsAt must be later than declaredAt');
      expect((await declare(randomUUID(), { declaredAt: '2026-01-10T00:00:00Z' })).status).toBe(
        404,
      );
      expect((await rso.get(`/api/v1/people/${randomUUID()}/pregnancy`)).status).toBe(404);
      const ok = await declare(id, { declaredAt: '2026-01-10T00:00:00Z' });
      expect((await end(id, ok.body.id, '2026-01-09T00:00:00Z')).status).toBe(400);
      expect((await end(id, randomUUID(), '2026-02-01T00:00:00Z')).status).toBe(404);
      expect((await end(patient.body.id, ok.body.id, '2026-02-01T00:00:00Z')).status).toBe(404);
      expect(
        (await rso.send('PATCH', `/api/v1/people/${id}/pregnancy/${ok.body.id}`, {})).status,
      ).toBe(400);
      expect(await sql(`SELECT 1 FROM pregnancy WHERE person_id = $1`, [patient.body.id])).toEqual(
        [],
      );
      expect((await audit(ok.body.id)).map((row) => row.action)).toEqual(['pregnancy.declare']);
      const tech = session.technician;
      expect(
        (await tech.post(`/api/v1/people/${id}/pregnancy`, { declaredAt: '2026-03-01T00:00:00Z' }))
          .status,
      ).toBe(403);
      expect((await tech.get(`/api/v1/people/${id}/pregnancy`)).status).toBe(403);
    });
  });
});
