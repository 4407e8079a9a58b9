import type { Socket } from 'node:net';
import type { CallingModality, StoreOutcome } from './dose-report-ingest.service.js';
import {
  constants,
  responses,
  Scp,
  type Association,
  type CEchoRequest,
  type CStoreRequest,
} from './dimse.js';
import type { Item } from './sr/content-items.js';

const { Status, PresentationContextResult, RejectResult, RejectSource, RejectReason } = constants;
const { CEchoResponse, CStoreResponse } = responses;

/**
 * The SOP classes a dose report comes in (DESIGN.md §3.5, PS3.4 Annex B.5): X-Ray Radiation
 * Dose SR, and Enhanced and Comprehensive SR, which may carry the same templates. Anything
 * else (an image) is refused at association: abstract syntax not supported (PS3.8 9.3.3.2).
 */
export const DOSE_REPORT_SOP_CLASSES = new Set([
  '1.2.840.10008.5.1.4.1.1.88.67', // X-Ray Radiation Dose SR Storage
  '1.2.840.10008.5.1.4.1.1.88.22', // Enhanced SR Storage
  '1.2.840.10008.5.1.4.1.1.88.33', // Comprehensive SR Storage
]);
const VERIFICATION = '1.2.840.10008.1.1';
const TRANSFER_SYNTAXES = [
  '1.2.840.10008.1.2.1', // Explicit VR Little Endian
  '1.2.840.10008.1.2', // Implicit VR Little Endian, the default every SCU proposes
];

/**
 * C-STORE statuses (PS3.4 Annex B.2.3, PS3.7 Annex C): A700 "Refused: Out of Resources" when
 * the report could not be committed (the modality keeps it and sends it again); C000 "Error:
 * Cannot understand" for an SR that carries no dose template, or whose every event was
 * refused; B006 "Warning: Elements Discarded" when some of its events were refused.
 */
export const STORE_STATUS = {
  success: Status.Success,
  outOfResources: 0xa700,
  cannotUnderstand: 0xc000,
  elementsDiscarded: 0xb006,
} as const;

/** What the SCP asks of the service: who calls, and storing what it received. */
export interface StoreHandler {
  calledAeTitle: string;
  modalityOf(callingAeTitle: string): Promise<CallingModality | undefined>;
  store(modality: CallingModality, dataset: Item, sopClassUid: string): Promise<StoreOutcome>;
  /** A line for the log: never a dataset's content (it holds the patient's name and id). */
  log(level: 'log' | 'warn' | 'error', message: string): void;
}

/** dcmjs-dimse builds one SCP per connection from a class: this makes the class for a handler. */
export function storeScpClass(handler: StoreHandler): typeof Scp {
  return class DoseStoreScp extends Scp {
    private modality?: CallingModality;

    constructor(
      private readonly connection: Socket,
      opts: Record<string, unknown>,
    ) {
      super(connection, opts);
    }

    /**
     * A-ABORT received (a modality that found no presentation context for an image aborts):
     * the transport connection is closed (PS3.8 9.1.8 / Table 9-8 AA-3), or the peer waits for
     * the close until it times out.
     */
    override abort(): void {
      this.connection.destroy();
    }

    override associationRequested(association: Association): void {
      void this.negotiate(association);
    }

    private async negotiate(association: Association): Promise<void> {
      const calling = association.getCallingAeTitle().trim();
      const reject = (reason: number, why: string) => {
        handler.log('warn', `DICOM association from ${JSON.stringify(calling)} refused: ${why}`);
        this.sendAssociationReject(RejectResult.Permanent, RejectSource.ServiceUser, reason);
      };
      if (association.getCalledAeTitle().trim() !== handler.calledAeTitle)
        return reject(RejectReason.CalledAeNotRecognized, 'called AE title is not this service');
      try {
        this.modality = await handler.modalityOf(calling);
      } catch (error) {
        // The registry could not be read: a transient refusal, the modality calls again.
        handler.log('error', `DICOM association: modality lookup failed: ${errorText(error)}`);
        this.sendAssociationReject(
          RejectResult.Transient,
          RejectSource.ServiceUser,
          RejectReason.NoReasonGiven,
        );
        return;
      }
      if (!this.modality)
        return reject(
          RejectReason.CallingAeNotRecognized,
          'no registered modality has that AE title',
        );
      for (const { id } of association.getPresentationContexts()) {
        const context = association.getPresentationContext(id);
        const abstract = context.getAbstractSyntaxUid();
        const syntax = TRANSFER_SYNTAXES.find((uid) => context.hasTransferSyntaxUid(uid));
        if (abstract !== VERIFICATION && !DOSE_REPORT_SOP_CLASSES.has(abstract))
          context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
        else if (syntax === undefined)
          context.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
        else context.setResult(PresentationContextResult.Accept, syntax);
      }
      this.sendAssociationAccept();
    }

    override cEchoRequest(
      request: CEchoRequest,
      callback: (response: InstanceType<typeof CEchoResponse>) => void,
    ): void {
      const response = CEchoResponse.fromRequest(request);
      response.setStatus(Status.Success);
      callback(response);
    }

    override cStoreRequest(
      request: CStoreRequest,
      callback: (response: InstanceType<typeof CStoreResponse>) => void,
    ): void {
      void this.answerStore(request).then(({ status, comment }) => {
        const response = CStoreResponse.fromRequest(request);
        response.setStatus(status);
        if (comment) response.setErrorComment(comment.slice(0, 64)); // LO: 64 characters
        callback(response);
      });
    }

    /** The status, sent only once the report is committed (DESIGN.md §3.5, ack after commit). */
    private async answerStore(
      request: CStoreRequest,
    ): Promise<{ status: number; comment?: string }> {
      const modality = this.modality;
      let dataset: Item | undefined;
      try {
        dataset = request.getDataset()?.getElements();
      } catch (error) {
        // A dataset the library cannot decode: sending it again would not help. Only the
        // error's name: a decoder's message may quote a value, a patient's name among them.
        const name = error instanceof Error ? error.name : 'error';
        handler.log('warn', `DICOM dataset from ${modality?.id ?? '?'} not readable (${name})`);
      }
      const sopClass = request.getAffectedSopClassUid();
      if (!modality || !dataset)
        return { status: STORE_STATUS.cannotUnderstand, comment: 'no readable dataset' };
      try {
        const outcome = await handler.store(modality, dataset, sopClass);
        if (outcome.kind === 'notDoseReport') {
          handler.log('warn', `DICOM object from ${modality.id} refused: ${outcome.reason}`);
          return { status: STORE_STATUS.cannotUnderstand, comment: outcome.reason };
        }
        handler.log(
          'log',
          `DICOM dose report from ${modality.id}: ${outcome.events} events stored or known`,
        );
        if (outcome.events === 0)
          return { status: STORE_STATUS.cannotUnderstand, comment: 'every event was refused' };
        if (outcome.refusedEvents > 0)
          return { status: STORE_STATUS.elementsDiscarded, comment: 'some events were refused' };
        return { status: STORE_STATUS.success };
      } catch (error) {
        handler.log('error', `DICOM report from ${modality.id} not stored: ${errorText(error)}`);
        return { status: STORE_STATUS.outOfResources, comment: 'not stored, send it again' };
      }
    }

    override associationReleaseRequested(): void {
      this.sendAssociationReleaseResponse();
    }
  };
}

/** An error's message only: a database error's detail may quote a row. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}
