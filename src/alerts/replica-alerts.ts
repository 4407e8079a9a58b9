import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ChannelListener } from '../database/notifications.js';
import type { AlertMessageDto } from './dto/alert.dto.js';

/** The Postgres channel on which each replica tells the others what it published. */
export const ALERT_STREAM_CHANNEL = 'alert_published';

interface Envelope {
  origin: string;
  message: AlertMessageDto;
}

/**
 * Carries the alert messages one replica publishes to the event streams of every other
 * (DESIGN.md §8, GET /alerts/stream), by Postgres NOTIFY: each replica's streams see every
 * alert, whichever replica raised it. A replica's own messages reach its streams directly, so
 * it ignores its own notifications. An alert object is far below NOTIFY's 8000-byte payload
 * limit (PostgreSQL documentation, NOTIFY). While the listening connection is lost, other
 * replicas' alerts are missed by the streams (never by MQTT, nor the API).
 */
export class ReplicaAlerts {
  private readonly logger = new Logger(ReplicaAlerts.name);
  private readonly origin = randomUUID();
  private readonly listener: ChannelListener;

  constructor(
    private readonly dataSource: DataSource,
    received: (message: AlertMessageDto) => void,
  ) {
    this.listener = new ChannelListener(dataSource, ALERT_STREAM_CHANNEL, {
      notified: (payload) => {
        // Anyone with the database role can NOTIFY: a payload that is not ours is dropped,
        // never thrown from the connection's event handler.
        const envelope = parseEnvelope(payload);
        if (envelope && envelope.origin !== this.origin) received(envelope.message);
      },
      listening: () => undefined,
      failed: (error) =>
        this.logger.warn(`Not hearing other replicas' alerts for now: ${error.message}`),
    });
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  /** Tells the other replicas; a failure costs their streams these messages, nothing else. */
  tell(messages: readonly AlertMessageDto[]): void {
    if (messages.length === 0) return;
    const payloads = messages.map((message) => JSON.stringify({ origin: this.origin, message }));
    this.dataSource
      .query(`SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, [
        ALERT_STREAM_CHANNEL,
        payloads,
      ])
      .catch((error: Error) =>
        this.logger.warn(
          `${messages.length} alert(s) not told to other replicas: ${error.message}`,
        ),
      );
  }
}

function parseEnvelope(payload: string): Envelope | undefined {
  try {
    const parsed = JSON.parse(payload) as Partial<Envelope> | null;
    return typeof parsed?.origin === 'string' && typeof parsed.message?.id === 'string'
      ? (parsed as Envelope)
      : undefined;
  } catch {
    return undefined;
  }
}
