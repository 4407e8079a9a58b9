/** An exact decimal such as 1.5 or 0.04, as numerator / 10^scale. */
export interface DecimalRatio {
  numerator: bigint;
  denominator: bigint;
}

export function parseDecimal(text: string): DecimalRatio {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a non-negative decimal: ${text}`);
  const fraction = match[2] ?? '';
  return { numerator: BigInt(match[1] + fraction), denominator: 10n ** BigInt(fraction.length) };
}

export const ONE: DecimalRatio = { numerator: 1n, denominator: 1n };

/** value × ratio, rounded half to even: integer nSv in, integer nSv out. */
export function scaleHalfEven(value: bigint, ratio: DecimalRatio): bigint {
  const product = value * ratio.numerator;
  const quotient = product / ratio.denominator;
  const remainder = product % ratio.denominator;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice < ratio.denominator) return quotient;
  const away = product < 0n ? quotient - 1n : quotient + 1n;
  if (twice > ratio.denominator) return away;
  return quotient % 2n === 0n ? quotient : away;
}
