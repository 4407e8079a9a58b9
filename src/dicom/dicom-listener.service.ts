import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { AppConfig } from '../config/app-config.js';
import type { Server } from './dimse.js';
import { DoseReportIngestService } from './dose-report-ingest.service.js';

/**
 * The DICOM Storage SCP for dose reports (DESIGN.md §3.5), on DICOM_PORT with AE title
 * DICOM_AE_TITLE; off when DICOM_PORT is 0. A port that cannot be bound stops start-up,
 * naming the setting, as a taken HTTP port does.
 */
@Injectable()
export class DicomListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DicomListener');
  private server?: InstanceType<typeof Server>;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly config: AppConfig,
    private readonly reports: DoseReportIngestService,
  ) {}

  /** The bound port (DICOM_PORT), or undefined when the listener is off. */
  get port(): number | undefined {
    const address = this.netServer?.address() as AddressInfo | null | undefined;
    return address?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.dicomPort === 0) return;
    // Loaded only when the listener is on: the DICOM library holds tens of MB once imported.
    const { dimseLog, Server } = await import('./dimse.js');
    const { storeScpClass } = await import('./store-scp.js');
    // The library's own log would name datasets' attributes on some errors: ours says what
    // matters, without a patient's name or id.
    dimseLog.setLevel('silent');
    const server = new Server(
      storeScpClass({
        calledAeTitle: this.config.dicomAeTitle,
        modalityOf: (aeTitle) => this.reports.modalityOf(aeTitle),
        store: (modality, dataset, sopClass) =>
          this.track(this.reports.store(modality, dataset, sopClass)),
        log: (level, message) => this.logger[level](message),
      }),
    );
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.on('listening', () => resolve());
      server.on('networkError', (error: Error) => {
        if (this.port === undefined)
          reject(
            new Error(
              `DICOM_PORT ${this.config.dicomPort} cannot be listened on: ${error.message} (DICOM_PORT=0 turns the listener off)`,
            ),
          );
        else this.logger.warn(`DICOM connection: ${error.message}`);
      });
      server.listen(this.config.dicomPort);
    });
    this.logger.log(
      `DICOM dose reports: AE title ${this.config.dicomAeTitle} on port ${this.port}`,
    );
  }

  /** Stops taking associations, then lets the stores in flight commit and answer. */
  async beforeApplicationShutdown(): Promise<void> {
    this.server?.close();
    await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  /** The library's net.Server (not in its types): for the port actually bound. */
  private get netServer(): NetServer | undefined {
    return (this.server as unknown as { server?: NetServer } | undefined)?.server;
  }
}
