import { createHmac } from 'node:crypto';

/**
 * A patient's pseudonym (DESIGN.md §3.2): HMAC-SHA-256 of the raw identifier under
 * PATIENT_ID_SECRET, hex. The same id always gives the same pseudonym, so events of one patient
 * meet, and without the secret it cannot be turned back or guessed by hashing MRNs. Surrounding
 * blanks are not part of an identifier; case is (MRN schemes may be case-sensitive).
 */
export function pseudonymise(secret: string, rawPatientId: string): string {
  return createHmac('sha256', secret).update(rawPatientId.trim(), 'utf8').digest('hex');
}

/** Keys that carry a patient identifier in a payload, in any spelling a gateway might use. */
const PATIENT_ID_KEY = /^patient_?id$/i;
/** The value after a patientId key in text that is not JSON: quoted, quoted to the end, or bare. */
const PATIENT_ID_IN_TEXT = /("patient_?id"\s*:\s*)("(?:[^"\\]|\\.)*"|"[^"]*$|[^,}\]\s][^,}\]]*)/gi;

/**
 * A payload fit to keep in the rejected store: every patient identifier in it replaced by its
 * pseudonym (`pseudonym:<hex>`), so a rejected event never stores the raw id (DESIGN.md §3.3).
 * JSON is rewritten structurally; anything else (broken or truncated JSON) textually.
 */
export function redactPatientIds(payload: Buffer, secret: string): Buffer {
  const text = payload.toString('utf8');
  if (!/patient_?id/i.test(text)) return payload;
  try {
    const redacted = redactValue(JSON.parse(text), secret);
    return Buffer.from(JSON.stringify(redacted));
  } catch {
    // Not JSON, or nested too deep to walk.
    return Buffer.from(
      text.replace(PATIENT_ID_IN_TEXT, (_match, key: string, value: string) => {
        return `${key}"${replacement(secret, unquote(value))}"`;
      }),
    );
  }
}

function redactValue(value: unknown, secret: string): unknown {
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secret));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      PATIENT_ID_KEY.test(key) && (typeof inner === 'string' || typeof inner === 'number')
        ? replacement(secret, String(inner))
        : redactValue(inner, secret),
    ]),
  );
}

function replacement(secret: string, raw: string): string {
  return `pseudonym:${pseudonymise(secret, raw)}`;
}

function unquote(value: string): string {
  if (!value.startsWith('"')) return value.trim();
  try {
    return String(JSON.parse(value));
  } catch {
    return value.slice(1, value.endsWith('"') && value.length > 1 ? -1 : undefined);
  }
}
