import type { MqttClient } from 'mqtt';
import type { AlertDto } from '../src/alerts/dto/alert.dto.js';
import type { PatientThresholdDto } from '../src/limits/dto/patient-threshold.dto.js';
import type { PatientExposureDto } from '../src/patients/dto/patient-exposure.dto.js';
import { stopAlertSchedule } from './support/alert-listeners.js';
import { ctEvent, publishEvents, registerModality } from './support/exposure-events.js';
import type { Http } from './support/http.js';
import { connectPublisher, eventually } from './support/mqtt-publisher.js';
import { messages, startRsoSession, unique, type RsoSession } from './support/rso-session.js';

const PATH = '/api/v1/patient-alert-thresholds';

/**
 * The patient thresholds as data (DESIGN.md §5) over HTTP: listed with units and sources,
 * set and removed by the RSO with validation and audit, and applied to patients at once. The
 * seeded rows are shared with the run's other test files: they are put back afterwards.
 */
describe('patient alert thresholds', () => {
  let session: RsoSession;
  let rso: Http;
  let device: MqttClient;
  let defaults: PatientThresholdDto[] = [];
  const put = (client: Http, body: unknown) => client.send('PUT', PATH, body);
  const list = async () => (await rso.get<PatientThresholdDto[]>(PATH)).body;
  const audit = (entityId: string) =>
    session.sql(
      `SELECT actor, action, before, after FROM audit_log
        WHERE entity = 'patient_alert_threshold' AND entity_id = $1 ORDER BY id`,
      [entityId],
    );

  beforeAll(async () => {
    session = await startRsoSession();
    rso = session.rso;
    stopAlertSchedule(session.service);
    device = await connectPublisher();
  });
  afterAll(async () => {
    const now = await list();
    for (const row of defaults) {
      const same = now.find(
        (r) => r.quantity === row.quantity && r.scope === row.scope && r.level === row.level,
      );
      if (same?.atLeast !== row.atLeast || same.source !== row.source)
        await put(rso, { ...row, unit: undefined, comparison: undefined });
    }
    await device.endAsync();
    await session.service.close();
  });

  it('lists every seeded level in its unit, each with its source', async () => {
    const reply = await rso.get<PatientThresholdDto[]>(PATH);
    expect(reply.status).toBe(200);
    defaults = reply.body;
    expect(
      reply.body.map(
        (t) => `${t.quantity} ${t.scope} ${t.level} ${t.comparison} ${t.atLeast} ${t.unit}`,
      ),
    ).toEqual([
      'dap 12weeks notice atLeast 200 Gy·cm²',
      'dap procedure high atLeast 500 Gy·cm²',
      'effective lifetime notice atLeast 50 mSv',
      'effective lifetime warning atLeast 100 mSv',
      'effective rolling5Years notice atLeast 50 mSv',
      'effective rolling5Years warning atLeast 100 mSv',
      'fluoroTime procedure warning atLeast 60 min',
      'peakSkinDose 12months critical above 15 Gy',
      'peakSkinDose procedure high atLeast 3 Gy',
      'referenceAirKerma 12weeks notice atLeast 3 Gy',
      'referenceAirKerma 12weeks high atLeast 5 Gy',
      'referenceAirKerma procedure notice atLeast 3 Gy',
      'referenceAirKerma procedure high atLeast 5 Gy',
    ]);
    const source = (quantity: string, scope: string, level: string) =>
      reply.body.find((t) => t.quantity === quantity && t.scope === scope && t.level === level)
        ?.source;
    expect(reply.body.every((t) => t.source.trim().length > 0)).toBe(true);
    expect(source('referenceAirKerma', 'procedure', 'high')).toContain('NCRP Report No. 168');
    expect(source('referenceAirKerma', 'procedure', 'high')).toContain('J Vasc Interv Radiol 2009');
    expect(source('peakSkinDose', '12months', 'critical')).toContain('Joint Commission');
    expect(source('dap', '12weeks', 'notice')).toContain('OpenREM');
    expect((await session.technician.get(PATH)).status).toBe(403);
  });

  it('applies a level the RSO set to the patients at once, audited', async () => {
    const modality = unique('XA');
    await registerModality(rso, modality, 'fluoroscopy');
    const patient = unique('MRN');
    // 40 min of fluoroscopy: below the default 60 min, no alert.
    const event = ctEvent(unique('ev'), patient, 1, {
      modality: 'XA',
      ctdiVol: null,
      fluoroTimeS: 2400,
    });
    await publishEvents(session.service, device, modality, [event], 1);
    const { personId } = (
      await rso.post<PatientExposureDto>('/api/v1/patients/lookup', { patientId: patient })
    ).body;
    const fluoroAlerts = async () =>
      (await rso.get<AlertDto[]>(`/api/v1/alerts?personId=${personId}`)).body.filter(
        (a) => a.quantity === 'fluoroTime',
      );
    expect(await fluoroAlerts()).toEqual([]);

    const body = {
      quantity: 'fluoroTime',
      scope: 'procedure',
      level: 'warning',
      atLeast: 30,
      source: 'test: our own level',
    };
    const changed = await put(rso, body);
    const after = { ...body, unit: 'min', comparison: 'atLeast' };
    expect(changed).toEqual({ status: 200, body: after });
    const before = defaults.find((t) => t.quantity === 'fluoroTime');
    expect(await audit('fluoroTime/procedure/warning')).toEqual([
      { actor: session.rsoName, action: 'patient-alert-threshold.update', before, after },
    ]);
    // Re-evaluated without a new event: 40 min ≥ 30 min, a warning.
    const [alert] = await eventually(async () => {
      const alerts = await fluoroAlerts();
      return alerts.length > 0 ? alerts : undefined;
    });
    expect(alert).toMatchObject({
      kind: 'patientSkin',
      level: 'warning',
      value: 40,
      limit: 30,
      unit: 'min',
    });
  });

  it('refuses bad levels with the field named, and keeps the levels of a rule in order', async () => {
    const valid = {
      quantity: 'referenceAirKerma',
      scope: 'procedure',
      level: 'notice',
      atLeast: 2,
      source: 'x',
    };
    const refused = async (change: Record<string, unknown>) => {
      const reply = await put(rso, { ...valid, ...change });
      expect(reply.status).toBe(400);
      return messages(reply);
    };
    expect(await refused({ quantity: 'effective', scope: '12weeks' })).toBe(
      'effective has no rule over 12weeks; GET /patient-alert-thresholds lists the rules',
    );
    // Notice at 6 Gy would be above high's 5 Gy: refused, nothing changed.
    expect(await refused({ atLeast: 6 })).toBe(
      'referenceAirKerma over procedure: high (5 Gy) must be above notice (6 Gy)',
    );
    expect(await refused({ level: 'high', atLeast: 3 })).toBe(
      'referenceAirKerma over procedure: high (3 Gy) must be above notice (3 Gy)',
    );
    for (const atLeast of [0, -1, 2.0000001, '2', null])
      expect(await refused({ atLeast })).toContain('atLeast');
    expect(await refused({ level: 'urgent' })).toContain('level');
    expect(await refused({ source: ' ' })).toContain('source');
    expect(await refused({ extra: 1 })).toContain('extra');
    expect((await put(session.technician, valid)).status).toBe(403);
    const kerma = (await list()).filter(
      (t) => t.quantity === 'referenceAirKerma' && t.scope === 'procedure',
    );
    expect(kerma.map((t) => `${t.level} ${t.atLeast}`)).toEqual(['notice 3', 'high 5']);
  });

  it('removes a level, audited; a level or rule that does not exist is 404', async () => {
    const level = `${PATH}/dap/12weeks/notice`;
    expect((await rso.send('DELETE', level)).status).toBe(204);
    expect((await list()).some((t) => t.quantity === 'dap' && t.scope === '12weeks')).toBe(false);
    const [entry] = await audit('dap/12weeks/notice');
    expect(entry).toMatchObject({
      action: 'patient-alert-threshold.delete',
      after: null,
      before: { atLeast: 200 },
    });
    expect((await rso.send('DELETE', level)).status).toBe(404);
    expect((await rso.send('DELETE', `${PATH}/effective/12weeks/notice`)).status).toBe(404);
    expect((await session.technician.send('DELETE', `${PATH}/dap/procedure/high`)).status).toBe(
      403,
    );
  });
});
