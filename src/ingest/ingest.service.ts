import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { storeExposures, type StoredExposures } from '../patients/exposure-writes.js';
import { ExposuresCommittedEvent } from '../patients/exposures-committed.event.js';
import { registeredModalities } from '../modalities/registered-modalities.js';
import { ReadingIngestService } from '../readings/reading-ingest.service.js';
import { ReadingsCommittedEvent } from '../readings/readings-committed.event.js';
import type { InboundMessage } from './inbound-message.js';
import { IngestMetrics } from './ingest.metrics.js';
import type { ParsedExposure } from '../patients/parsed-exposure.js';
import type { ParsedReading } from '../readings/parsed-reading.js';
import type { Rejection } from '../mqtt/parse-batch.js';

/** Bytes of a rejected payload (or of its redacted skeleton) kept for inspection. */
export const PAYLOAD_KEPT_BYTES = 4096;
export const UNREGISTERED_MODALITY = 'unregistered modality';

/** Commits a batch of inbound messages: their readings, events and rejections, in one transaction. */
@Injectable()
export class IngestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readings: ReadingIngestService,
    private readonly metrics: IngestMetrics,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * `alsoStore` writes what a source keeps beside its events (a DICOM report's totals) in the
   * same transaction, knowing the events' patients.
   */
  async commit(
    messages: InboundMessage[],
    alsoStore?: (manager: EntityManager, events: StoredExposures) => Promise<void>,
  ): Promise<void> {
    const stopTimer = this.metrics.commitSeconds.startTimer();
    const { outcome, events, rejected, receivedAt } = await this.dataSource.transaction(
      async (manager) => {
        const batch = contentOf(messages, await unregisteredModalities(manager, messages));
        await insertRejections(manager, batch.rejections);
        const outcome = await this.readings.ingest(manager, batch.readings);
        const events = await storeExposures(manager, batch.exposures);
        await alsoStore?.(manager, events);
        return {
          outcome,
          events,
          rejected: batch.rejections.length,
          receivedAt: batch.receivedAt,
        };
      },
    );
    stopTimer();
    this.metrics.batchSize.observe(messages.length);
    this.metrics.readings.inc({ outcome: 'accepted' }, outcome.accepted.length);
    this.metrics.readings.inc({ outcome: 'duplicate' }, outcome.duplicates);
    this.metrics.readings.inc({ outcome: 'unattributed' }, outcome.unattributed);
    this.metrics.readings.inc({ outcome: 'rejected' }, rejected);
    this.metrics.exposures.inc({ outcome: 'accepted' }, events.inserted);
    this.metrics.exposures.inc({ outcome: 'duplicate' }, events.duplicates);
    if (events.personIds.length > 0) {
      this.events.emit(
        ExposuresCommittedEvent.eventName,
        new ExposuresCommittedEvent(events.personIds, receivedAt),
      );
    }
    if (outcome.accepted.length > 0 || outcome.deltas.length > 0) {
      this.events.emit(
        ReadingsCommittedEvent.eventName,
        new ReadingsCommittedEvent(outcome.accepted, outcome.deltas, receivedAt),
      );
    }
  }
}

/** The readings, events and rejections of a batch of messages, and its earliest arrival. */
function contentOf(messages: InboundMessage[], unregistered: Set<string>) {
  // One loop, not three flatMaps: they cost more than the rest of commit() at full rate.
  const readings: ParsedReading[] = [];
  const rejections: (Rejection & { topic: string })[] = [];
  const exposures: ParsedExposure[] = [];
  // The earliest arrival, not the commit's start: a message may have waited for the commit
  // in flight before it, and its alert's latency counts from its arrival (DESIGN.md §6).
  let receivedAt = Number.POSITIVE_INFINITY;
  for (const message of messages) {
    receivedAt = Math.min(receivedAt, message.receivedAt);
    const { modality, topic } = message;
    if (modality && unregistered.has(modality.id)) {
      // DESIGN.md §7: events only from modalities an RSO registered; kept, redacted, and acknowledged.
      rejections.push({ reason: UNREGISTERED_MODALITY, ...modality.whole, topic });
      continue;
    }
    for (const reading of message.readings) readings.push(reading);
    for (const exposure of message.exposures) exposures.push(exposure);
    for (const rejection of message.rejections) rejections.push({ ...rejection, topic });
  }
  return { readings, exposures, rejections, receivedAt };
}

/** The modalities of these messages that no RSO registered (none asked if no message is a modality's). */
async function unregisteredModalities(
  manager: EntityManager,
  messages: InboundMessage[],
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const { modality } of messages) if (modality) ids.add(modality.id);
  if (ids.size === 0) return ids;
  const registered = await registeredModalities(manager, [...ids]);
  return new Set([...ids].filter((id) => !registered.has(id)));
}

async function insertRejections(
  manager: EntityManager,
  rejections: (Rejection & { topic: string })[],
): Promise<void> {
  if (rejections.length === 0) return;
  await manager.query(
    `INSERT INTO rejected_message (topic, reason, payload, payload_bytes, redacted)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::integer[], $5::boolean[])`,
    [
      // Postgres text cannot hold NUL; the raw bytes of a bad topic do not matter, its shape does.
      rejections.map((r) => r.topic.replaceAll('\0', '\uFFFD')),
      rejections.map((r) => r.reason),
      rejections.map((r) => r.payload.subarray(0, PAYLOAD_KEPT_BYTES)),
      rejections.map((r) => r.redactedBytes ?? r.payload.length),
      rejections.map((r) => r.redactedBytes !== undefined),
    ],
  );
}
