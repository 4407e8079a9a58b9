/** Levels of nesting shown; deeper values are summed up as one placeholder. */
const MAX_DEPTH = 32;
/** What text that is not JSON keeps: its punctuation of JSON-like shape, and blanks. */
const STRUCTURE = /[{}[\]:,"'\s]/;

/**
 * A payload with every value taken out: its shape for a person diagnosing a rejected message,
 * and nothing that could identify a patient (DESIGN.md §3.3). Patient ids come in any shape —
 * under any key, in arrays or objects, as numbers, as keys themselves, escaped, in text that is
 * not JSON — so nothing is recognised as an id: every string and number is replaced, and every
 * key but `knownKeys` (this service's own field names).
 *
 * JSON: strings become `"<string:N>"` (N characters), numbers `"<number>"`, unknown keys
 * `"<key:N>"` (the Nth in its object); true, false and null stay; levels below 32 become
 * `"<nested>"`. Anything else (not JSON, cut short, single-quoted): each run of characters
 * other than `{}[]:,"'` and blanks becomes `x`, unless it is exactly a known key.
 */
export function redactedSkeleton(payload: Buffer, knownKeys: ReadonlySet<string>): Buffer {
  const text = payload.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return Buffer.from(maskedText(text, knownKeys));
  }
  return Buffer.from(JSON.stringify(skeletonOf(body, knownKeys, 0)));
}

function skeletonOf(value: unknown, knownKeys: ReadonlySet<string>, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return '<number>';
  if (typeof value === 'string') return `<string:${value.length}>`;
  if (depth >= MAX_DEPTH) return '<nested>';
  if (Array.isArray(value)) return value.map((item) => skeletonOf(item, knownKeys, depth + 1));
  let unknownKeys = 0;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
      knownKeys.has(key) ? key : `<key:${++unknownKeys}>`,
      skeletonOf(inner, knownKeys, depth + 1),
    ]),
  );
}

function maskedText(text: string, knownKeys: ReadonlySet<string>): string {
  let masked = '';
  let run = '';
  const endRun = () => {
    if (run !== '') masked += knownKeys.has(run) ? run : 'x';
    run = '';
  };
  for (const character of text) {
    if (STRUCTURE.test(character)) {
      endRun();
      masked += character;
    } else {
      run += character;
    }
  }
  endRun();
  return masked;
}
