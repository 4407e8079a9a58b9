/**
 * Listeners for alert delivery tests: an MQTT subscriber on the alert topics and a
 * server-sent-events client of GET /api/v1/alerts/stream, each recording what arrives.
 */
import { SchedulerRegistry } from '@nestjs/schedule';
import type { IClientOptions, MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { AlertEvaluator } from '../../src/alerts/alert-evaluator.service.js';
import { ALERT_SCHEDULE } from '../../src/alerts/alert-scheduler.service.js';
import { countReadings } from './fixtures.js';
import { Http } from './http.js';
import { connectPublisher, eventually } from './mqtt-publisher.js';
import type { TestApp } from './test-app.js';

/** An alert object as published (DESIGN.md §6). */
export interface AlertMessage {
  id: string;
  kind: string;
  level: string;
  personId: string | null;
  badgeSerial?: string;
  [field: string]: unknown;
}

export interface Received {
  topic: string;
  alert: AlertMessage;
}

/** Subscribed to `{prefix}/alerts/#` and `{prefix}/badges/+/alerts`, QoS 1. */
export class AlertSubscriber {
  readonly received: Received[] = [];

  private constructor(private readonly client: MqttClient) {
    client.on('message', (topic, payload) =>
      this.received.push({ topic, alert: JSON.parse(payload.toString()) }),
    );
  }

  /** On the test broker, or on `url` with `options` (a rig's broker and login). */
  static async start(
    prefix: string,
    url?: string,
    options?: IClientOptions,
  ): Promise<AlertSubscriber> {
    const client = await connectPublisher(url, options);
    const subscriber = new AlertSubscriber(client);
    await client.subscribeAsync([`${prefix}/alerts/#`, `${prefix}/badges/+/alerts`], { qos: 1 });
    return subscriber;
  }

  /** What arrived about these people or badges, as `topic level kind id`, in arrival order. */
  about(people: string[], badges: string[]): string[] {
    return this.received
      .filter(
        ({ alert }) =>
          people.includes(alert.personId ?? '') || badges.includes(alert.badgeSerial ?? ''),
      )
      .map(({ topic, alert }) => `${topic} ${alert.level} ${alert.kind} ${alert.id}`);
  }

  stop(): Promise<void> {
    return this.client.endAsync();
  }
}

/** A reader of the alert event stream, with the bearer token in the header like any call. */
export class AlertStream {
  readonly events: { type: string; id: string; alert: AlertMessage }[] = [];
  private readonly abort = new AbortController();

  private constructor(private readonly about: (alert: AlertMessage) => boolean = () => true) {}
  private reading?: Promise<void>;
  status = 0;

  /** `about`: keep only these events (an RSO's stream carries every alert in the shared test database). */
  static async open(
    baseUrl: string,
    client: Http,
    about?: (alert: AlertMessage) => boolean,
  ): Promise<AlertStream> {
    const stream = new AlertStream(about);
    const response = await fetch(`${baseUrl}/api/v1/alerts/stream`, {
      headers: { authorization: `Bearer ${tokenOf(client)}`, accept: 'text/event-stream' },
      signal: stream.abort.signal,
    });
    stream.status = response.status;
    if (response.ok && response.body) stream.reading = stream.read(response.body);
    return stream;
  }

  /** Alerts as `level kind id`, in arrival order. */
  get alerts(): string[] {
    return this.events.map(({ alert }) => `${alert.level} ${alert.kind} ${alert.id}`);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.reading?.catch(() => undefined);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
        }
        const data = fields.get('data');
        const alert = data ? (JSON.parse(data) as AlertMessage) : undefined;
        if (alert && this.about(alert))
          this.events.push({
            type: fields.get('event') ?? 'message',
            id: fields.get('id') ?? '',
            alert,
          });
      }
    }
  }
}

/** Http keeps its bearer token private; a stream needs it for a fetch of its own. */
export const tokenOf = (client: Http): string => (client as unknown as { token: string }).token;

/** The same login against another instance (tokens outlive a restart: same secret). */
export const rebase = (client: Http, baseUrl: string): Http => new Http(baseUrl, tokenOf(client));

/** Stops the background schedule: a test runs the time-driven rules itself, when it means to. */
export function stopAlertSchedule(service: TestApp): void {
  service.app.get(SchedulerRegistry).deleteInterval(ALERT_SCHEDULE);
}

/**
 * Waits until the badge has `readings` stored and every committed batch has been evaluated:
 * the broker's PUBACK to a device says nothing of ingestion.
 */
export async function settled(service: TestApp, serial: string, readings: number): Promise<void> {
  const dataSource = service.app.get(DataSource);
  await eventually(async () =>
    (await countReadings(dataSource, serial)) === readings ? true : undefined,
  );
  await service.app.get(AlertEvaluator).idle();
}

/**
 * A 5-year effective limit of 1 mSv, so that a few µSv-sized readings cross every level, on
 * the us-nrc profile, whose effective investigation Level I (1.25 mSv a quarter) lies above
 * the doses of the tests that use this: only doseLimit answers their readings. Call it before
 * the person's first reading: the profile is set in SQL, without the re-derivation of counted
 * readings that PATCH /people/:id does.
 */
export async function setLowLimit(service: TestApp, personId: string): Promise<void> {
  const dataSource = service.app.get(DataSource);
  await dataSource.query(
    `INSERT INTO person_limit (person_id, quantity, period, limit_nsv, reason)
     VALUES ($1, 'effective', '5years', 1000000, 'test: every level within a few readings')`,
    [personId],
  );
  await dataSource.query(`UPDATE person SET profile = 'us-nrc' WHERE id = $1`, [personId]);
}

/** Waits until the condition on what was received holds. */
export const until = (condition: () => boolean): Promise<true> =>
  eventually(() => Promise.resolve(condition() ? true : undefined));

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
