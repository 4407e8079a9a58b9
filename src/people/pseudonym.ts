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
