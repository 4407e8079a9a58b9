/** The accumulated dose registers a badge reports (DESIGN.md §3.1), in nSv. */
export const REGISTERS = ['hp10', 'hp007', 'hp3'] as const;
export type Register = (typeof REGISTERS)[number];

/** Register values a reading carries; an absent register carries no information. */
export type Registers = Partial<Record<Register, bigint>>;

export const ZERO_REGISTERS: Record<Register, bigint> = { hp10: 0n, hp007: 0n, hp3: 0n };
