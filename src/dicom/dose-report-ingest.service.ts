import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { IngestService } from '../ingest/ingest.service.js';
import type { ModalityKind } from '../modalities/modality-fields.js';
import { modalityOfAeTitle } from '../modalities/registered-modalities.js';
import { redacted, type Rejection } from '../mqtt/parse-batch.js';
import { EXPOSURE_EVENT_FIELDS } from '../patients/dto/exposure-event.dto.js';
import { parseExposure } from '../patients/parse-exposures.js';
import type { ParsedExposure } from '../patients/parsed-exposure.js';
import { storeDoseReport } from './dose-report-writes.js';
import { wireEvents } from './report-events.js';
import { reportTotals } from './report-totals.js';
import type { Item } from './sr/content-items.js';
import { readDoseReport } from './sr/dose-report.js';

export interface CallingModality {
  id: string;
  kind: ModalityKind;
}

/** What became of a stored object: every event kept, some refused, or none (not a dose report). */
export type StoreOutcome =
  | { kind: 'stored'; events: number; refusedEvents: number }
  | { kind: 'notDoseReport'; reason: string };

const EVENT_FIELDS: ReadonlySet<string> = new Set(EXPOSURE_EVENT_FIELDS);

/**
 * Turns a received DICOM dose report into exposure events (DESIGN.md §3.5) and commits them
 * through the MQTT events' pipeline: the same validation and pseudonymisation
 * (parseExposure), the same transaction and alerts (IngestService.commit), with the report's
 * totals beside them. Resolves only once all of it has committed; throws when it has not.
 */
@Injectable()
export class DoseReportIngestService {
  private readonly logger = new Logger('DicomListener');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ingest: IngestService,
    private readonly config: AppConfig,
  ) {}

  /** The registered modality calling with this AE title, or undefined (DESIGN.md §7). */
  modalityOf(callingAeTitle: string): Promise<CallingModality | undefined> {
    return modalityOfAeTitle(this.dataSource.manager, callingAeTitle);
  }

  async store(
    modality: CallingModality,
    dataset: Item,
    sopClassUid: string,
  ): Promise<StoreOutcome> {
    const receivedAt = Date.now();
    const topic = `dicom/${modality.id}`;
    const report = readSafely(dataset, this.config.facilityTz);
    if (typeof report === 'string') {
      // Kept as a rejection without its content (it holds a patient's name and id): what it
      // was, why it was refused. The modality also hears it in the C-STORE status.
      const kept = Buffer.from(JSON.stringify({ sopClassUid }));
      await this.commit(
        topic,
        receivedAt,
        [],
        [{ reason: report, payload: kept, redactedBytes: kept.length }],
      );
      return { kind: 'notDoseReport', reason: report };
    }
    for (const defect of report.defects)
      this.logger.warn(
        `${modality.id} report ${report.sopInstanceUid}: ${defect} (value left out)`,
      );
    const limits = {
      maxPayloadBytes: this.config.maxPayloadBytes,
      maxClockSkewMs: this.config.maxClockSkewMs,
      now: receivedAt,
    };
    const exposures: ParsedExposure[] = [];
    const rejections: Rejection[] = [];
    for (const event of wireEvents(report, modality.kind, new Date(receivedAt))) {
      const parsed = parseExposure(modality.id, event, limits, this.config.patientIdSecret);
      if (typeof parsed !== 'string') exposures.push(parsed);
      else
        rejections.push(
          redacted({ reason: parsed, payload: Buffer.from(JSON.stringify(event)) }, EVENT_FIELDS),
        );
    }
    const totals = reportTotals(report);
    if (totals.agree === false)
      this.logger.warn(
        `${modality.id} report ${report.sopInstanceUid}: accumulated totals differ from the sum of its events`,
      );
    await this.commit(topic, receivedAt, exposures, rejections, async (manager, stored) => {
      const personId = exposures[0] && stored.people.get(exposures[0].patientKey);
      if (personId === undefined) return; // every event refused: nothing to attach totals to
      await storeDoseReport(manager, {
        modalityId: modality.id,
        sopInstanceUid: report.sopInstanceUid,
        personId,
        studyUid: report.studyUid ?? null,
        template: report.template,
        eventCount: report.events.length,
        totals,
      });
    });
    return { kind: 'stored', events: exposures.length, refusedEvents: rejections.length };
  }

  private commit(
    topic: string,
    receivedAt: number,
    exposures: ParsedExposure[],
    rejections: Rejection[],
    alsoStore?: Parameters<IngestService['commit']>[1],
  ): Promise<void> {
    return this.ingest.commit(
      [{ topic, connection: -1, receivedAt, readings: [], exposures, rejections }],
      alsoStore,
    );
  }
}

/**
 * A dataset no reading can make sense of (a content tree the reader trips on) is refused like a
 * report without dose content: sending it again would not help, so it is no commit failure.
 */
function readSafely(dataset: Item, facilityTz: string): ReturnType<typeof readDoseReport> {
  try {
    return readDoseReport(dataset, facilityTz);
  } catch (error) {
    return `unreadable content tree (${error instanceof Error ? error.name : 'error'})`;
  }
}
