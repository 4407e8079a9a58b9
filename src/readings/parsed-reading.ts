import type { Registers } from './registers.js';

/** A valid badge reading from MQTT, converted to integer units (DESIGN.md §3.1). */
export interface ParsedReading {
  serial: string;
  seq: bigint;
  measuredAt: Date;
  registers: Registers;
  doseRateNsvH: bigint | null;
  battery: number | null;
}
