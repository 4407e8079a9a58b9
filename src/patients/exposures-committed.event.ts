/** Emitted after a batch of patient exposure events has committed; patient alerts listen. */
export class ExposuresCommittedEvent {
  static readonly eventName = 'exposures.committed';

  constructor(
    /** Patients (person ids) with a new event. */
    readonly personIds: readonly string[],
    /** When the batch's first message reached the service, for alert latency. */
    readonly receivedAt: number,
  ) {}
}
