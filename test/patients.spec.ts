import type { MqttClient } from 'mqtt';
import type { AlertDto } from '../src/alerts/dto/alert.dto.js';
import type {
  PatientExposureDto,
  PatientListDto,
  PatientRankingWindow,
} from '../src/patients/dto/patient-exposure.dto.js';
import { AlertSubscriber, stopAlertSchedule, until } from './support/alert-listeners.js';
import {
  ctEvent,
  fluoroEvent,
  publishEvents,
  registerModality,
} from './support/exposure-events.js';
import type { Http } from './support/http.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import { iso, messages, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import type { TestApp } from './support/test-app.js';
import { publishReadings, wearBadge } from './support/wearing.js';

/**
 * Patient exposure (DESIGN.md §3.2) end to end over the run's real broker and Postgres:
 * modality events published on MQTT, the RSO's views of a patient's cumulative dose and windows
 * (hand-computed below), patient alerts published like worker alerts, and a dosimeter worn by a
 * patient.
 */
describe('patient exposure tracking', () => {
  let session: RsoSession;
  let service: TestApp;
  let rso: Http;
  let device: MqttClient;
  let subscriber: AlertSubscriber;
  const modality = unique('CT');
  let stored = 0;
  const publish = async (events: Record<string, unknown>[], newEvents: number) => {
    stored += newEvents;
    await publishEvents(service, device, modality, events, stored);
  };
  const lookup = (patientId: string) =>
    rso.post<PatientExposureDto>('/api/v1/patients/lookup', { patientId });
  const alertsOf = async (personId: string) =>
    (await rso.get<AlertDto[]>(`/api/v1/alerts?personId=${personId}`)).body;

  beforeAll(async () => {
    session = await startRsoSession();
    service = session.service;
    rso = session.rso;
    stopAlertSchedule(service);
    device = await connectPublisher();
    await registerModality(rso, modality);
    subscriber = await AlertSubscriber.start(service.config.topicPrefix);
  });
  afterAll(async () => {
    await subscriber.stop();
    await device.endAsync();
    await service.close();
  });

  describe('cumulative dose and windows', () => {
    const patientA = unique('MRN');
    const patientB = unique('MRN');
    const eventsOfA = [
      // 310 mGy·cm × 0.014 (adult chest) = 4.34 mSv, estimated; 20 days ago.
      ctEvent('a1', patientA, 20, { dlp: 310.0 }),
      // Reported 1.5 mSv, 400 days ago: in the 5 years, not the 12 months.
      ctEvent('a2', patientA, 400, { bodyRegion: 'head', dlp: 700, effectiveDose: 1.5 }),
      // 600 mGy·cm × 0.015 (adult abdomen/pelvis) = 9 mSv, 6 years ago: lifetime only.
      ctEvent('a3', patientA, 6 * 366, { bodyRegion: 'abdomen/pelvis', dlp: 600 }),
      // Fluoroscopy 10 and 100 days ago: only the first is in the 12 weeks (84 days).
      fluoroEvent('a4', patientA, 10, 1200, 80),
      fluoroEvent('a5', patientA, 100, 900, 50),
      // A knee has no k factor: no effective dose is made up.
      ctEvent('a6', patientA, 5, { bodyRegion: 'knee', dlp: 100 }),
    ];

    beforeAll(async () => {
      await publish(eventsOfA, 6);
      // Every event again, one repeated alone, then one new event behind them (same
      // partition, so once it is stored the repeats have been through): 7 stored, not 14.
      await publish(eventsOfA, 0);
      await publish([eventsOfA[0]], 0);
      await publish([ctEvent('b1', patientB, 3, { effectiveDose: 30 })], 1);
    });

    it('stores each event once and answers the lookup by raw id with hand-computed windows', async () => {
      const reply = await lookup(patientA);
      expect(reply.status).toBe(200);
      expect(reply.body.effectiveDose).toEqual({
        lifetime: 14.84, // 4.34 + 1.5 + 9
        rolling12Months: 4.34,
        rolling5Years: 5.84, // 4.34 + 1.5
        estimatedLifetime: 13.34, // 4.34 + 9
        fromDosimetersLifetime: 0,
        eventsWithoutEffectiveDose: 3, // two fluoroscopies and the knee
      });
      expect(reply.body.referenceAirKerma).toEqual({ rolling12Weeks: 1200, maxEvent: 1200 });
      expect(reply.body.dap).toEqual({ rolling12Weeks: 80 });
      expect(reply.body.events.map((e: { eventId: string }) => e.eventId)).toEqual([
        'a3',
        'a2',
        'a5',
        'a1',
        'a4',
        'a6',
      ]);
      expect(reply.body.events[3]).toMatchObject({
        modalityId: modality,
        modality: 'CT',
        dlp: 310,
        ctdiVol: 8.1,
        effectiveDose: 4.34,
        effectiveDoseSource: 'estimated',
        kFactor: 0.014,
      });
      expect(reply.body.events[1]).toMatchObject({
        effectiveDose: 1.5,
        effectiveDoseSource: 'reported',
        kFactor: null,
      });
      expect(JSON.stringify(reply.body)).not.toContain(patientA);
      // The same answer by person id, from the ranking's links.
      const byPerson = await rso.get(`/api/v1/patients/${reply.body.personId}/exposure`);
      expect(byPerson.body.effectiveDose).toEqual(reply.body.effectiveDose);
    });

    it('ranks patients by cumulative effective dose in the window asked for', async () => {
      const names = async (window: PatientRankingWindow) => {
        const reply = await rso.get<PatientListDto>(`/api/v1/patients?window=${window}&limit=500`);
        expect(reply.status).toBe(200);
        const ids = [
          (await lookup(patientA)).body.personId,
          (await lookup(patientB)).body.personId,
        ];
        return reply.body.patients
          .filter((p) => ids.includes(p.personId))
          .map((p) => [p.personId === ids[0] ? 'A' : 'B', p.effectiveDose[window]].join(' '));
      };
      expect(await names('lifetime')).toEqual(['B 30', 'A 14.84']);
      expect(await names('rolling12Months')).toEqual(['B 30', 'A 4.34']);
    });

    it('keeps the raw id out of every answer and refuses anyone but an RSO', async () => {
      const unknown = unique('MRN-UNKNOWN');
      const missing = await lookup(unknown);
      expect(missing.status).toBe(404);
      expect(JSON.stringify(missing.body)).not.toContain(unknown);
      expect((await rso.post('/api/v1/patients/lookup', {})).status).toBe(400);
      const technician = await session.technician.post('/api/v1/patients/lookup', {
        patientId: patientA,
      });
      expect(technician.status).toBe(403);
      // The id in a URL (access logs, browser history) is refused, and not echoed back.
      const inUrl = await rso.get(`/api/v1/patients/exposure?patientId=${patientA}`);
      expect(inUrl.status).toBe(410);
      expect(messages(inUrl)).toContain('POST /api/v1/patients/lookup');
      expect(JSON.stringify(inUrl.body)).not.toContain(patientA);
      expect((await session.technician.get('/api/v1/patients')).status).toBe(403);
    });
  });

  describe('patient alerts', () => {
    const patientC = unique('MRN');
    let personId: string;

    it('raises patientDose at 50 then 100 mSv (5 years and lifetime) and patientSkin per procedure, published once each', async () => {
      const count = () => subscriber.about([personId], []).length;
      await publish([ctEvent('c1', patientC, 40, { effectiveDose: 60 })], 1);
      personId = (await lookup(patientC)).body.personId;
      await until(() => count() === 2);
      await publish([ctEvent('c2', patientC, 30, { effectiveDose: 45 })], 1);
      await until(() => count() === 4);
      await publish([fluoroEvent('c3', patientC, 2, 5200, 120)], 1);
      await until(() => count() === 5);
      // Repeats raise nothing new.
      await publish([ctEvent('c2', patientC, 30, { effectiveDose: 45 })], 0);
      const prefix = service.config.topicPrefix;
      const published = subscriber.received
        .filter(({ alert }) => alert.personId === personId)
        .map(({ topic, alert }) => ({ topic, ...alert }));
      const line = (a: { topic: string; level: string; kind: string; period?: string }) =>
        `${a.topic} ${a.level} ${a.kind} ${a.period}`;
      expect(published.map(line).sort()).toEqual(
        [
          `${prefix}/alerts/notice notice patientDose lifetime`,
          `${prefix}/alerts/notice notice patientDose rolling5Years`,
          `${prefix}/alerts/warning warning patientDose lifetime`,
          `${prefix}/alerts/warning warning patientDose rolling5Years`,
          `${prefix}/alerts/high high patientSkin study:c3.0`,
        ].sort(),
      );
      // Each with the threshold it reached: 60 ≥ 50, 105 ≥ 100 mSv; 5.2 ≥ 5 Gy, sent as 5200 ≥ 5000 mGy (DESIGN.md §6).
      expect(published).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ period: 'lifetime', valueMSv: 60, limitMSv: 50 }),
          expect.objectContaining({ period: 'rolling5Years', valueMSv: 105, limitMSv: 100 }),
          expect.objectContaining({
            quantity: 'referenceAirKerma',
            value: 5200,
            limit: 5000,
            unit: 'mGy',
          }),
        ]),
      );
      expect(JSON.stringify(published)).not.toContain(patientC);
    });

    it('keeps the alerts in the workflow: one per subject, acknowledged like any other', async () => {
      const alerts = await alertsOf(personId);
      expect(alerts.map((a) => `${a.kind} ${a.level} ${a.period}`).sort()).toEqual([
        'patientDose warning lifetime',
        'patientDose warning rolling5Years',
        'patientSkin high study:c3.0',
      ]);
      const skin = alerts.find((a) => a.kind === 'patientSkin');
      const acknowledged = await rso.post(`/api/v1/alerts/${skin?.id}/acknowledge`, {
        note: 'skin follow-up booked',
      });
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body.state).toBe('acknowledged');
    });
  });

  describe('a dosimeter worn by a patient', () => {
    const patientD = unique('MRN');
    const start = Date.now() - 3_600_000;

    it('counts into the patient’s totals and alerts, never against a dose limit', async () => {
      const created = await rso.post('/api/v1/people', {
        kind: 'patient',
        name: 'Pat Wearer',
        patientId: patientD,
      });
      expect(created.status).toBe(201);
      expect(JSON.stringify(created.body)).not.toContain(patientD);
      const personId: string = created.body.id;
      const again = await rso.post('/api/v1/people', {
        kind: 'patient',
        name: 'x',
        patientId: patientD,
      });
      expect(again.status).toBe(409);
      expect(messages(again)).toContain(personId);
      const worker = await rso.post('/api/v1/people', {
        kind: 'worker',
        name: 'y',
        patientId: 'z',
      });
      expect(worker.status).toBe(400);

      const serial = await wearBadge(rso, personId, 'trunk', iso(start - 60_000));
      // hp10 registers 500 then 2500 µSv: 2.5 mSv effective (DESIGN.md §4, trunk).
      await publishReadings(service, device, serial, [
        { seq: 1, measuredAt: iso(start), hp10: 500 },
        { seq: 2, measuredAt: iso(start + 60_000), hp10: 2500 },
      ]);
      await publish([ctEvent('d1', patientD, 1, { effectiveDose: 1.25 })], 1);
      const exposure = await lookup(patientD);
      expect(exposure.body).toMatchObject({
        personId,
        effectiveDose: { lifetime: 3.75, fromDosimetersLifetime: 2.5, rolling12Months: 3.75 },
      });
      const asPerson = await rso.get(`/api/v1/people/${personId}/exposure`);
      expect(asPerson.body.quantities.effective).toMatchObject({ lifetime: 2.5, limits: [] });

      // 52.5 mSv worn (past the EU worker's 20 mSv) + 1.25: a patientDose notice, no doseLimit.
      await publishReadings(service, device, serial, [
        { seq: 1, measuredAt: iso(start), hp10: 500 },
        { seq: 2, measuredAt: iso(start + 60_000), hp10: 2500 },
        { seq: 3, measuredAt: iso(start + 120_000), hp10: 52_500 },
      ]);
      // On the alert topic and on the patient's badge, like a worker's (the badge can buzz):
      // over the rolling 5 years and the lifetime, each.
      await until(() => subscriber.about([personId], []).length === 4);
      expect(
        subscriber
          .about([personId], [])
          .map((line) => line.split(' ')[0])
          .sort(),
      ).toEqual([
        `${service.config.topicPrefix}/alerts/notice`,
        `${service.config.topicPrefix}/alerts/notice`,
        `${service.config.topicPrefix}/badges/${serial}/alerts`,
        `${service.config.topicPrefix}/badges/${serial}/alerts`,
      ]);
      expect(
        (await alertsOf(personId)).map((a) => [a.kind, a.level, a.period, a.valueMSv]).sort(),
      ).toEqual([
        ['patientDose', 'notice', 'lifetime', 53.75],
        ['patientDose', 'notice', 'rolling5Years', 53.75],
      ]);
    });
  });
});
