import { REGISTERS, type Register, type Registers } from './registers.js';

export interface RegisterReading {
  seq: bigint;
  registers: Registers;
}

export interface DerivedIncrement {
  seq: bigint;
  increments: Registers;
  /** A register went down: the badge was reset, and this reading counts its own value. */
  reset: boolean;
}

/**
 * DESIGN.md §3.1: each reading's increment is its register minus the register of the badge's
 * previous reading by seq (per register, the previous reading that carried it; before the
 * first, the baseline). A register that went down means a reset: the increment is the
 * register's own value. `readings` must be sorted by seq; `previous` holds, per register,
 * the value just before the first of them.
 */
export function deriveIncrements(
  previous: Record<Register, bigint>,
  readings: readonly RegisterReading[],
): DerivedIncrement[] {
  const last = { ...previous };
  return readings.map(({ seq, registers }) => {
    const increments: Registers = {};
    let reset = false;
    for (const register of REGISTERS) {
      const value = registers[register];
      if (value === undefined) continue;
      if (value >= last[register]) {
        increments[register] = value - last[register];
      } else {
        increments[register] = value;
        reset = true;
      }
      last[register] = value;
    }
    return { seq, increments, reset };
  });
}

export function sameIncrements(a: Registers, b: Registers): boolean {
  return REGISTERS.every((register) => a[register] === b[register]);
}
