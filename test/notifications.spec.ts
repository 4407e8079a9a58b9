import { SchedulerRegistry } from '@nestjs/schedule';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { AlertPublisher } from '../src/alerts/alert-publisher.service.js';
import { ALERT_SCHEDULE } from '../src/alerts/alert-scheduler.service.js';
import { upsertAlerts } from '../src/alerts/alert-store.js';
import { expandOutbox } from '../src/notifications/notification-store.js';
import type { AlertLevel } from '../src/limits/alert-thresholds.js';
import {
  NOTIFICATION_SCHEDULE,
  NotificationDrainer,
} from '../src/notifications/notification-drainer.service.js';
import {
  IDEMPOTENCY_HEADER,
  isValidSignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../src/notifications/webhook-signature.js';
import { insertWorker } from './support/fixtures.js';
import { startRsoSession, type RsoSession } from './support/rso-session.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { makeServerCertificate } from './support/test-certificates.js';

const MINUTE = 60_000;
const SECRET = 'a-webhook-secret-of-at-least-32-characters';
const SMTP_USER = 'dose-service';
const SMTP_PASSWORD = 'an-smtp-password';

interface Mail {
  /** The session was upgraded by STARTTLS. */
  secure: boolean;
  user: unknown;
  to: string[];
  raw: string;
}

interface Hook {
  key: string;
  body: { alert: { id: string; level: string }; escalation: boolean; text: string };
  signed: boolean;
  answered: number;
}

/** The mail as written: quoted-printable soft breaks and `=3D` undone. */
const plain = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

/**
 * Alert notifications (issue 35) against a real SMTP server and a real HTTP receiver, on a
 * database of the test's own (the rules are global: other suites' alerts stay out). The
 * schedules are stopped; the test runs the drainer with a `now` of its choosing.
 */
describe('alert notifications: e-mail, webhooks, retries, escalation', () => {
  let scratch: ScratchDatabase;
  let session: RsoSession;
  let dataSource: DataSource;
  let drainer: NotificationDrainer;
  let smtp: SMTPServer;
  let smtpEnv: NodeJS.ProcessEnv;
  let certificateDir: string;
  let receiver: Server;
  let hookUrl: string;
  const mails: Mail[] = [];
  const hooks: Hook[] = [];
  /** Per idempotency key: how many requests the receiver still fails with 503. */
  const failFirst = new Map<string, number>();
  let failByDefault = 0;
  let personId: string;

  const stopSchedules = (service: TestApp) => {
    const registry = service.app.get(SchedulerRegistry);
    registry.deleteInterval(ALERT_SCHEDULE);
    registry.deleteInterval(NOTIFICATION_SCHEDULE);
  };
  const raise = async (level: AlertLevel, period: string): Promise<string> => {
    const limit = 20_000_000n;
    const value = level === 'critical' ? limit : (limit * 82n) / 100n;
    await dataSource.transaction((manager) =>
      upsertAlerts(manager, [
        {
          kind: 'doseLimit',
          level,
          personId,
          badgeSerial: null,
          quantity: 'effective',
          period,
          valueNsv: value,
          limitNsv: limit,
          detail: null,
        },
      ]),
    );
    const [row] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM alert WHERE person_id = $1 AND period = $2`,
      [personId, period],
    );
    return row.id;
  };
  const mailsOf = (alertId: string, to = 'rso@example.org') =>
    mails.filter((mail) => mail.to.includes(to) && plain(mail.raw).includes(alertId));
  const hooksOf = (alertId: string) => hooks.filter((hook) => hook.body.alert.id === alertId);
  const notificationsOf = async (alertId: string) =>
    (await session.rso.get(`/api/v1/alerts/${alertId}/notifications`)).body as {
      level: string;
      channel: string;
      target: string;
      state: string;
      escalation: boolean;
      attempts: { ok: boolean; error: string | null }[];
    }[];

  beforeAll(async () => {
    certificateDir = await mkdtemp(path.join(tmpdir(), 'dose-smtp-'));
    const certificate = await makeServerCertificate(certificateDir);
    // STARTTLS offered, and no login over plain text (smtp-server's default).
    smtp = new SMTPServer({
      key: await readFile(certificate.keyFile),
      cert: await readFile(certificate.certFile),
      onAuth(auth, _session, callback) {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
          callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, smtpSession, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({
            secure: smtpSession.secure,
            user: smtpSession.user,
            to: smtpSession.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpEnv = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String((smtp.server.address() as AddressInfo).port),
      SMTP_FROM: 'dose@example.org',
      SMTP_USER,
      SMTP_PASSWORD,
      SMTP_CA_FILE: certificate.ca.certFile,
    };

    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const key = String(request.headers[IDEMPOTENCY_HEADER]);
        const left = failFirst.get(key) ?? failByDefault;
        failFirst.set(key, left - 1);
        const answered = left > 0 ? 503 : 204;
        hooks.push({
          key,
          body: JSON.parse(raw) as Hook['body'],
          signed: isValidSignature(
            SECRET,
            Number(request.headers[TIMESTAMP_HEADER]),
            raw,
            String(request.headers[SIGNATURE_HEADER]),
          ),
          answered,
        });
        response.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/dose-alerts`;

    scratch = await createScratchDatabase('notifications');
    session = await startRsoSession(
      {
        ...smtpEnv,
        PUBLIC_URL: 'https://dose.example.org',
      },
      { databaseUrl: scratch.url },
    );
    stopSchedules(session.service);
    dataSource = session.service.app.get(DataSource);
    drainer = session.service.app.get(NotificationDrainer);
    personId = await insertWorker(dataSource, 'Ada Worker');

    const rules: Record<string, unknown>[] = [
      {
        name: 'RSO mail',
        kinds: ['doseLimit'],
        levels: ['warning', 'high', 'critical'],
        channel: 'email',
        target: 'rso@example.org',
      },
      {
        name: 'Pager',
        kinds: ['doseLimit'],
        levels: ['high', 'critical'],
        channel: 'webhook',
        target: hookUrl,
        secret: SECRET,
      },
      {
        name: 'Deputy',
        kinds: ['doseLimit'],
        channel: 'email',
        target: 'deputy@example.org',
        escalateAfterMinutes: 30,
      },
    ];
    const [rsoLogin] = await session.sql(`SELECT id FROM app_user WHERE username = $1`, [
      session.rsoName,
    ]);
    const contact = await session.rso.send(
      'PUT',
      `/api/v1/notification-contacts/${String(rsoLogin.id)}`,
      { email: 'officer@example.org' },
    );
    expect(contact.status).toBe(200);
    rules.push({
      name: 'Every RSO',
      kinds: ['doseLimit'],
      levels: ['critical'],
      channel: 'role',
      target: 'rso',
    });
    for (const rule of rules) {
      const reply = await session.rso.post('/api/v1/notification-rules', rule);
      expect(reply.status).toBe(201);
    }
  });

  afterAll(async () => {
    await session?.service.close();
    await scratch?.drop();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
    if (certificateDir) await rm(certificateDir, { recursive: true, force: true });
  });

  it('validates rules and keeps webhook secrets out of the answers, audited', async () => {
    const bad = await session.rso.post('/api/v1/notification-rules', {
      name: 'x',
      levels: ['loud'],
      channel: 'webhook',
      target: 'ftp://x',
    });
    expect(bad.status).toBe(400);
    const listed = await session.rso.get('/api/v1/notification-rules');
    expect(listed.body).toHaveLength(4);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    const audited = await session.sql(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'notificationRule.create'`,
    );
    expect(audited[0].n).toBe(4);
    expect((await session.technician.get('/api/v1/notification-rules')).status).toBe(403);
  });

  it('mails and posts a level once, retries a failing webhook with backoff, never re-sends on a view', async () => {
    const now = Date.now();
    failByDefault = 2;
    const id = await raise('high', 'year:2026-a');
    await drainer.runOnce(new Date(now));
    expect(mailsOf(id)).toHaveLength(1);
    const [mail] = mailsOf(id);
    expect(mail).toMatchObject({ secure: true, user: SMTP_USER, to: ['rso@example.org'] });
    const text = plain(mail.raw);
    expect(text).toContain('high alert, dose limit: Ada Worker');
    expect(text).toContain('Value: 16.4 mSv');
    expect(text).toContain('Limit: 20 mSv');
    expect(text).toContain(`https://dose.example.org/people/${personId}?alert=${id}`);

    let webhook = (await notificationsOf(id)).find((n) => n.channel === 'webhook');
    expect(webhook).toMatchObject({ state: 'pending', attempts: [{ ok: false }] });
    expect(webhook?.attempts[0].error).toMatch(/503/);

    // Not due yet: nothing is tried again before the backoff.
    await drainer.runOnce(new Date(now + 1_000));
    expect(hooksOf(id)).toHaveLength(1);
    await drainer.runOnce(new Date(now + MINUTE));
    await drainer.runOnce(new Date(now + 10 * MINUTE));
    webhook = (await notificationsOf(id)).find((n) => n.channel === 'webhook');
    expect(webhook?.state).toBe('delivered');
    expect(webhook?.attempts.map((a) => a.ok)).toEqual([false, false, true]);
    expect(hooksOf(id).map((hook) => [hook.answered, hook.signed, hook.key])).toEqual([
      [503, true, `${id}:high`],
      [503, true, `${id}:high`],
      [204, true, `${id}:high`],
    ]);

    // The same level again, a view of the alert and its notifications, another run: nothing.
    await raise('high', 'year:2026-a');
    await session.rso.get(`/api/v1/alerts/${id}`);
    await notificationsOf(id);
    await drainer.runOnce(new Date(now + 60 * MINUTE));
    expect(mailsOf(id)).toHaveLength(1);
    expect(hooksOf(id)).toHaveLength(3);

    // A higher level is news.
    failByDefault = 0;
    await raise('critical', 'year:2026-a');
    await drainer.runOnce(new Date(now + 61 * MINUTE));
    expect(mailsOf(id)).toHaveLength(2);
    expect(hooksOf(id).map((hook) => hook.key)).toContain(`${id}:critical`);
  });

  it('delivers right after the alert is published, without waiting for the schedule', async () => {
    const id = await raise('high', 'year:2026-f');
    await session.service.app.get(AlertPublisher).publish([id]);
    await drainer.idle();
    expect(mailsOf(id)).toHaveLength(1);
    expect(hooksOf(id)).toHaveLength(1);
  });

  it('holds a warning in quiet hours until they end, never a critical; a deleted rule sends nothing', async () => {
    const now = Date.now();
    const hour = new Date(now).getUTCHours();
    const at = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const created = await session.rso.post('/api/v1/notification-rules', {
      name: 'Night desk',
      kinds: ['doseLimit'],
      levels: ['warning', 'critical'],
      channel: 'email',
      target: 'night@example.org',
      quietFrom: at(hour - 1),
      quietTo: at(hour + 2),
    });
    expect(created.status).toBe(201);
    const id = await raise('warning', 'year:2026-g');
    await drainer.runOnce(new Date(now));
    expect(mailsOf(id, 'night@example.org')).toHaveLength(0);
    const held = (await notificationsOf(id)).find((n) => n.target === 'night@example.org');
    expect(held).toMatchObject({ state: 'pending', attempts: [] });

    await raise('critical', 'year:2026-g');
    await drainer.runOnce(new Date(now));
    expect(mailsOf(id, 'night@example.org').map((mail) => plain(mail.raw))).toEqual([
      expect.stringContaining('critical alert'),
    ]);
    await drainer.runOnce(new Date(now + 3 * 60 * MINUTE));
    expect(mailsOf(id, 'night@example.org')).toHaveLength(2);

    const removed = await session.rso.send(
      'DELETE',
      `/api/v1/notification-rules/${created.body.id}`,
    );
    expect(removed.status).toBe(204);
    const later = await raise('warning', 'year:2026-h');
    await drainer.runOnce(new Date(now + 4 * 60 * MINUTE));
    expect(mailsOf(later, 'night@example.org')).toHaveLength(0);
    expect(
      (await session.rso.send('DELETE', `/api/v1/notification-rules/${created.body.id}`)).status,
    ).toBe(404);
  });

  it('passes an unacknowledged critical alert on after 30 minutes, once; not an acknowledged one', async () => {
    const now = Date.now();
    const open = await raise('critical', 'year:2026-b');
    const acknowledged = await raise('critical', 'year:2026-c');
    const ack = await session.rso.post(`/api/v1/alerts/${acknowledged}/acknowledge`, {
      note: 'seen',
    });
    expect(ack.status).toBe(200);
    await drainer.runOnce(new Date(now));
    await drainer.runOnce(new Date(now + 29 * MINUTE));
    const deputyMails = () => mailsOf(open, 'deputy@example.org');
    expect(deputyMails()).toHaveLength(0);
    await drainer.runOnce(new Date(now + 31 * MINUTE));
    await drainer.runOnce(new Date(now + 45 * MINUTE));
    expect(deputyMails()).toHaveLength(1);
    expect(plain(deputyMails()[0].raw)).toContain(open);
    expect(plain(deputyMails()[0].raw)).toContain('has not been acknowledged in time');
    expect((await notificationsOf(acknowledged)).some((n) => n.escalation)).toBe(false);
  });

  it('loses and doubles nothing when a process stops between claim and delivery', async () => {
    const id = await raise('high', 'year:2026-d');
    await dataSource.transaction((manager) => expandOutbox(manager, new Date(), 'UTC'));
    // Another replica claims both notifications, then dies before sending: its connection ends.
    const replica = new pg.Client({ connectionString: scratch.url });
    replica.on('error', () => undefined);
    await replica.connect();
    await replica.query('BEGIN');
    const claimed = await replica.query(
      `SELECT id FROM notification WHERE alert_id = $1 FOR UPDATE SKIP LOCKED`,
      [id],
    );
    expect(claimed.rowCount).toBe(2);
    await drainer.runOnce();
    expect(mailsOf(id)).toHaveLength(0);
    expect(hooksOf(id)).toHaveLength(0);
    const [{ pid }] = (await replica.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows;
    await dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await replica.end().catch(() => undefined);
    await drainer.runOnce();
    await drainer.runOnce();
    expect(mailsOf(id)).toHaveLength(1);
    expect(hooksOf(id)).toHaveLength(1);
  });

  it('delivers once with two service instances on one database', async () => {
    const second = await startTestApp(smtpEnv, { databaseUrl: scratch.url });
    try {
      stopSchedules(second);
      const other = second.app.get(NotificationDrainer);
      const id = await raise('critical', 'year:2026-e');
      await Promise.all([drainer.runOnce(), other.runOnce(), drainer.runOnce(), other.runOnce()]);
      await Promise.all([drainer.runOnce(), other.runOnce()]);
      expect(mailsOf(id)).toHaveLength(1);
      expect(mailsOf(id, 'officer@example.org')).toHaveLength(1);
      expect(hooksOf(id)).toHaveLength(1);
      expect((await notificationsOf(id)).map((n) => n.state)).toEqual([
        'delivered',
        'delivered',
        'delivered',
      ]);
    } finally {
      await second.close();
    }
  });
});
