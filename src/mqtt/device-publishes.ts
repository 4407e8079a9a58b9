/**
 * A device's message as the embedded broker received it, handed to the service before the
 * broker acknowledges it: the promise settles once the message is committed (or kept in the
 * rejected store), and only then does the device get its PUBACK (DESIGN.md §1, §3.4).
 */
export type DevicePublishHandler = (topic: string, payload: Buffer) => Promise<void>;

/**
 * The embedded broker's device topics, taken in process. An external broker has none: the
 * service subscribes there and acknowledges each message after its commit itself.
 */
export interface DevicePublishes {
  /** From now on, messages on the device topics go to `handler` first. */
  take(handler: DevicePublishHandler): void;
  /** Messages that arrive from now on are refused (no PUBACK): the device sends them again. */
  release(): void;
}

export const DEVICE_PUBLISHES = Symbol('DevicePublishes');
