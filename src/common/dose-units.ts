/**
 * Conversions at the edge (DESIGN.md §2): devices speak µSv, people read mSv, the database
 * keeps integer nSv. Decimal numbers are converted from their shortest decimal spelling (what
 * the device wrote), rounded half to even at the nSv; no dose arithmetic happens in floats.
 */

const NSV_PER_USV_DIGITS = 3;
const NSV_PER_MSV_DIGITS = 6;
const NSV_PER_REM_DIGITS = 7;

/** µSv (finite, non-negative) to nSv, round half to even. */
export function microsievertsToNanosieverts(value: number): bigint {
  return decimalToScaledInteger(value, NSV_PER_USV_DIGITS);
}

/** mSv (finite, any sign) to nSv, round half to even. */
export function millisievertsToNanosieverts(value: number): bigint {
  return decimalToScaledInteger(value, NSV_PER_MSV_DIGITS);
}

/** nSv to mSv as a JSON number; exact, since 6 decimals of a bigint's range print exactly. */
export function nanosievertsToMillisieverts(nsv: bigint): number {
  return Number(scaledIntegerToDecimal(nsv, NSV_PER_MSV_DIGITS));
}

/** nSv to rem (1 rem = 0.01 Sv = 10 mSv, 10 CFR 20.1004) as a JSON number, exact. */
export function nanosievertsToRem(nsv: bigint): number {
  return Number(scaledIntegerToDecimal(nsv, NSV_PER_REM_DIGITS));
}

/** nSv to µSv as a JSON number. */
export function nanosievertsToMicrosieverts(nsv: bigint): number {
  return Number(scaledIntegerToDecimal(nsv, NSV_PER_USV_DIGITS));
}

/**
 * A physical quantity (mGy, mGy·cm, Gy·cm², s) in millionths of its unit, round half to even:
 * patient events keep their physical quantities as exactly as doses (DESIGN.md §2).
 */
export function toMillionths(value: number): bigint {
  return decimalToScaledInteger(value, 6);
}

/** Millionths of a unit back to the unit, as a JSON number. */
export function fromMillionths(value: bigint): number {
  return Number(scaledIntegerToDecimal(value, 6));
}

function decimalToScaledInteger(value: number, digits: number): bigint {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  // Fast path, exact: the value scaled rounds to an integer n with n / 10^digits === value,
  // and n < 2^52. Below 2^52 / 10^digits neighbouring doubles are closer than 10^-digits, so
  // no other decimal of `digits` places (nor the shortest spelling, which has no more places)
  // spells this double: n is what the spelling below gives, without building strings (they
  // were a large share of validating a reading: bench/README.md, "Service hot path").
  const scale = 10 ** digits;
  const scaled = Math.round(Math.abs(value) * scale);
  if (scaled < 2 ** 52 && scaled / scale === Math.abs(value))
    return value < 0 ? -BigInt(scaled) : BigInt(scaled);
  const negative = value < 0;
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  // The value is 0.<digits> × 10^shift, with digits = whole + fraction.
  const allDigits = whole + fraction;
  const pointAt = 1 + Number(exponentText) + digits; // position of the decimal point in allDigits after scaling
  let integerPart: bigint;
  let rest: string;
  if (pointAt <= 0) {
    integerPart = 0n;
    rest = '0'.repeat(-pointAt) + allDigits;
  } else if (pointAt >= allDigits.length) {
    integerPart = BigInt(allDigits + '0'.repeat(pointAt - allDigits.length));
    rest = '';
  } else {
    integerPart = BigInt(allDigits.slice(0, pointAt));
    rest = allDigits.slice(pointAt);
  }
  const rounded = roundHalfEven(integerPart, rest);
  return negative ? -rounded : rounded;
}

function roundHalfEven(integerPart: bigint, rest: string): bigint {
  if (rest === '' || /^0*$/.test(rest)) return integerPart;
  const first = rest.charCodeAt(0) - 48;
  const beyondHalf = first > 5 || (first === 5 && /[1-9]/.test(rest.slice(1)));
  const exactlyHalf = first === 5 && !beyondHalf;
  if (beyondHalf || (exactlyHalf && integerPart % 2n === 1n)) return integerPart + 1n;
  return integerPart;
}

function scaledIntegerToDecimal(value: bigint, digits: number): string {
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
