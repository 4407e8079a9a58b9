import type { MqttClient } from 'mqtt';
import type { AlaraLevelDto } from '../src/limits/dto/alara-level.dto.js';
import { settled, stopAlertSchedule } from './support/alert-listeners.js';
import type { Http } from './support/http.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { iso, messages, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { createWorker } from './support/wearing.js';

const MINUTE = 60_000;
const LEVELS = '/api/v1/limit-profiles/us-nrc/alara-levels';

/** This calendar quarter (the run's database keeps UTC days), as alert periods name it. */
function quarterNow(): { period: string; startMs: number } {
  const now = new Date();
  const quarter = Math.floor(now.getUTCMonth() / 3);
  return {
    period: `quarter:${now.getUTCFullYear()}-Q${quarter + 1}`,
    startMs: Date.UTC(now.getUTCFullYear(), quarter * 3, 1),
  };
}

/**
 * ALARA investigation levels as data (DESIGN.md §5) over HTTP. Uma (us-nrc, trunk badge)
 * receives 1 mSv effective this quarter: below the default Level I of 1.25 mSv (10 % of
 * 50 / 4), so no alaraQuarter alert. The RSO sets us-nrc's effective levels to 0.8 / 2 mSv:
 * re-evaluated without a new reading, 1 mSv is at Level I (notice, limit 0.8 mSv). A reading
 * bringing the quarter to 2 mSv reaches Level II (warning, limit 2 mSv). The seeded levels are
 * shared with the run's other test files: they are put back afterwards.
 */
describe('ALARA investigation levels', () => {
  let session: RsoSession;
  let rso: Http;
  let device: MqttClient;
  let defaults: AlaraLevelDto[] = [];
  const put = (client: Http, body: unknown) => client.send('PUT', LEVELS, body);

  beforeAll(async () => {
    session = await startRsoSession();
    rso = session.rso;
    stopAlertSchedule(session.service);
    device = await connectPublisher();
  });
  afterAll(async () => {
    for (const levels of defaults) await put(rso, levels);
    await device.endAsync();
    await session.service.close();
  });

  it('lists the seeded levels: 10 % and 30 % of a quarter of each annual limit', async () => {
    const reply = await rso.get<AlaraLevelDto[]>(LEVELS);
    expect(reply.status).toBe(200);
    defaults = reply.body;
    expect(reply.body.map((l) => `${l.quantity} ${l.levelIMSv} ${l.levelIIMSv}`)).toEqual([
      'effective 1.25 3.75',
      'extremity 12.5 37.5',
      'eyeLens 3.75 11.25',
      'skin 12.5 37.5',
    ]);
    expect(reply.body[0].source).toContain('Regulatory Guide 10.8');
    const eu = await rso.get<AlaraLevelDto[]>('/api/v1/limit-profiles/eu/alara-levels');
    expect(eu.body.map((l) => `${l.quantity} ${l.levelIMSv} ${l.levelIIMSv}`)).toEqual([
      'effective 0.5 1.5',
      'extremity 12.5 37.5',
      'eyeLens 0.5 1.5',
      'skin 12.5 37.5',
    ]);
  });

  it('raises alaraQuarter at a level the RSO set, audited, and at Level II on more dose', async () => {
    const { service } = session;
    const personId = await createWorker(rso, { name: 'Uma', profile: 'us-nrc' });
    const serial = unique('TR');
    await rso.post('/api/v1/badges', { serial, bodyLocation: 'trunk' });
    const { period, startMs } = quarterNow();
    // Within this quarter, in the past.
    const at = Math.max(startMs + MINUTE, Date.now() - 10 * MINUTE);
    await rso.post(`/api/v1/badges/${serial}/assignments`, { personId, from: iso(startMs) });
    const topic = `${service.config.topicPrefix}/badges/${serial}/readings`;
    await publishJson(device, topic, { seq: 1, measuredAt: iso(at), hp10: 1000 });
    await settled(service, serial, 1);
    const alaraAlerts = async () =>
      (await rso.get(`/api/v1/alerts?personId=${personId}&kind=alaraQuarter`)).body as Record<
        string,
        unknown
      >[];
    expect(await alaraAlerts()).toEqual([]);

    const changed = await put(rso, {
      quantity: 'effective',
      levelIMSv: 0.8,
      levelIIMSv: 2,
      source: 'test: the licensee’s own levels',
    });
    const after = {
      quantity: 'effective',
      levelIMSv: 0.8,
      levelIIMSv: 2,
      source: 'test: the licensee’s own levels',
    };
    expect(changed).toEqual({ status: 200, body: after });
    expect((await rso.get<AlaraLevelDto[]>(LEVELS)).body[0]).toEqual(after);
    const audit = await session.sql(
      `SELECT actor, action, before, after FROM audit_log
        WHERE entity = 'alara_level' AND entity_id = 'us-nrc/effective' ORDER BY id`,
    );
    expect(audit).toEqual([
      { actor: session.rsoName, action: 'alara-level.update', before: defaults[0], after },
    ]);

    const notice = await eventually(async () => {
      const alerts = await alaraAlerts();
      return alerts.length > 0 ? alerts : undefined;
    });
    expect(notice).toEqual([
      expect.objectContaining({
        level: 'notice',
        quantity: 'effective',
        period,
        valueMSv: 1,
        limitMSv: 0.8,
      }),
    ]);

    // The register reads 2 mSv: the quarter's dose reaches Level II.
    await publishJson(device, topic, { seq: 2, measuredAt: iso(at + 1000), hp10: 2000 });
    await settled(service, serial, 2);
    expect(await alaraAlerts()).toEqual([
      expect.objectContaining({ level: 'warning', period, valueMSv: 2, limitMSv: 2, fraction: 1 }),
    ]);
  });

  it('refuses bad levels (400 naming the fields), unknown profiles (404) and non-RSOs', async () => {
    const valid = { quantity: 'skin', levelIMSv: 10, levelIIMSv: 30, source: 'x' };
    const bad = await put(rso, { quantity: 'fetal', levelIMSv: 0, levelIIMSv: -1, source: ' ' });
    expect(bad.status).toBe(400);
    for (const field of ['quantity', 'levelIMSv', 'levelIIMSv', 'source'])
      expect(messages(bad)).toContain(field);
    const refused = async (change: Record<string, unknown>) => {
      const reply = await put(rso, { ...valid, ...change });
      expect(reply.status).toBe(400);
      return messages(reply);
    };
    expect(await refused({ levelIIMSv: 10 })).toBe('levelIIMSv must be above levelIMSv');
    expect(await refused({ levelIIMSv: 9.999999 })).toBe('levelIIMSv must be above levelIMSv');
    expect(await refused({ levelIMSv: 10.0000001 })).toBe(
      'levelIMSv must be in mSv with at most 6 decimals',
    );
    expect(await refused({ levelIMSv: '10' })).toContain('levelIMSv');
    expect(await refused({ extra: 1 })).toContain('extra');
    expect((await rso.send('PUT', '/api/v1/limit-profiles/mars/alara-levels', valid)).status).toBe(
      404,
    );
    expect((await rso.get('/api/v1/limit-profiles/mars/alara-levels')).status).toBe(404);
    // Only the RSO reads or changes them: a technician gets 403 and nothing changes.
    expect((await put(session.technician, valid)).status).toBe(403);
    expect((await session.technician.get(LEVELS)).status).toBe(403);
    const skin = (await rso.get<AlaraLevelDto[]>(LEVELS)).body.find((l) => l.quantity === 'skin');
    expect(skin).toMatchObject({ levelIMSv: 12.5, levelIIMSv: 37.5 });
  });
});
