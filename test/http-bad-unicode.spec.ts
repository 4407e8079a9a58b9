import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { messages, startRsoSession, type RsoSession } from './support/rso-session.js';

/**
 * A NUL or a lone surrogate in a name, a note or a query value: a 400 naming the field, and
 * nothing of what was sent in the log. Postgres refused the NUL with a 500, and Nest logged
 * the failed query with every parameter in it.
 */
describe('bad unicode in requests', () => {
  let session: RsoSession;
  let logged: string;
  const capture = (stream: NodeJS.WriteStream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged += chunk.toString();
      return true;
    });

  beforeAll(async () => {
    session = await startRsoSession();
  });
  afterAll(() => session.service.close());
  beforeEach(() => {
    logged = '';
    capture(process.stdout);
    capture(process.stderr);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['a NUL', 'Private Patientname\u0000x'],
    ['a lone high surrogate', 'Private Patientname\ud800'],
    ['a lone low surrogate', 'Private Patientname\udc00x'],
  ])('refuses %s in a name with a 400 naming the field, logging nothing of it', async (_, name) => {
    const reply = await session.rso.post('/api/v1/people', { kind: 'worker', name });
    expect(reply.status).toBe(400);
    expect(messages(reply)).toMatch(/^name must be valid Unicode/);
    expect(messages(reply)).not.toContain('Private');
    expect(logged).not.toContain('Private');
    const stored = await session.sql(`SELECT 1 FROM person WHERE name LIKE 'Private Patientname%'`);
    expect(stored).toEqual([]);
  });

  it('refuses a NUL in a note (nested in the body) and in a query value', async () => {
    const note = await session.rso.post(`/api/v1/alerts/${randomUUID()}/acknowledge`, {
      note: 'confidential note\u0000',
    });
    expect(note.status).toBe(400);
    expect(messages(note)).toMatch(/note must be valid Unicode/);
    const query = await session.rso.get('/api/v1/alerts?kind=confidential%00query');
    expect(query.status).toBe(400);
    expect(messages(query)).toMatch(/kind must be valid Unicode/);
    expect(logged).not.toContain('confidential');
  });

  it('still takes well-formed text, astral characters included', async () => {
    const reply = await session.rso.post('/api/v1/people', {
      kind: 'worker',
      name: 'Zoë 𝔘nicode 😀',
    });
    expect(reply.status).toBe(201);
  });
});
