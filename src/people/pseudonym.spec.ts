import { pseudonymise } from './pseudonym.js';

const SECRET = 'a-patient-secret-of-at-least-32-characters';
const RAW = 'MRN-0042';

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
