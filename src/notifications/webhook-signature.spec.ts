import { createHmac } from 'node:crypto';
import { idempotencyKey, isValidSignature, webhookSignature } from './webhook-signature.js';

describe('webhookSignature', () => {
  const body = '{"alert":{"id":"a"}}';

  it('is the HMAC-SHA-256 of timestamp, dot and body', () => {
    const expected = createHmac('sha256', 'secret').update(`1767225600.${body}`).digest('hex');
    expect(webhookSignature('secret', 1767225600, body)).toBe(`sha256=${expected}`);
  });

  it('fails for another body, timestamp or secret', () => {
    const signature = webhookSignature('secret', 1767225600, body);
    expect(isValidSignature('secret', 1767225600, body, signature)).toBe(true);
    expect(isValidSignature('secret', 1767225600, `${body} `, signature)).toBe(false);
    expect(isValidSignature('secret', 1767225601, body, signature)).toBe(false);
    expect(isValidSignature('other', 1767225600, body, signature)).toBe(false);
  });

  it('keys a delivery by alert and level', () => {
    expect(idempotencyKey('a1', 'high')).toBe('a1:high');
  });
});
