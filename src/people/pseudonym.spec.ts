import { pseudonymise, redactPatientIds } from './pseudonym.js';

const SECRET = 'a-patient-secret-of-at-least-32-characters';
const RAW = 'MRN-0042';
const redacted = (text: string): string =>
  redactPatientIds(Buffer.from(text), SECRET).toString('utf8');

describe('patient pseudonyms', () => {
  it('is HMAC-SHA-256 in hex (RFC 4231-style published vector)', () => {
    // The well-known HMAC-SHA256 example: key "key", message "The quick brown fox jumps over the lazy dog".
    expect(pseudonymise('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('is stable for an id, ignores surrounding blanks, and differs by secret and case', () => {
    const key = pseudonymise(SECRET, RAW);
    expect(pseudonymise(SECRET, ` ${RAW}\t`)).toBe(key);
    expect(pseudonymise(`${SECRET}!`, RAW)).not.toBe(key);
    expect(pseudonymise(SECRET, RAW.toLowerCase())).not.toBe(key);
  });
});

describe('redacting patient ids from rejected payloads', () => {
  const pseudonym = `pseudonym:${pseudonymise(SECRET, RAW)}`;

  it('rewrites JSON, however deep the id sits and however the key is spelt', () => {
    const out = redacted(
      JSON.stringify([{ patientId: RAW, dlp: 'x' }, { nested: { PatientID: RAW } }]),
    );
    expect(out).not.toContain(RAW);
    expect(JSON.parse(out)).toEqual([
      { patientId: pseudonym, dlp: 'x' },
      { nested: { PatientID: pseudonym } },
    ]);
  });

  it.each([
    ['broken JSON', `{"patientId": "${RAW}", "dlp": `],
    ['JSON cut inside the id', `{"eventId":"e1","patientId":"${RAW.slice(0, 6)}`],
    ['a bare value', `{"patient_id": 424242, "x": [`],
  ])('rewrites %s textually', (_case, text) => {
    const out = redacted(text);
    expect(out).toMatch(/"pseudonym:[0-9a-f]{64}"/);
    expect(out).not.toContain(RAW.slice(0, 6));
    expect(out).not.toContain('424242');
  });

  it('leaves a payload without a patient id as it was', () => {
    const payload = Buffer.from('{"seq": 1}');
    expect(redactPatientIds(payload, SECRET)).toBe(payload);
  });
});
