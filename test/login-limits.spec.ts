import { request } from 'node:http';
import { startTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';
import { Http } from './support/http.js';
import { unique } from './support/rso-session.js';

interface Answer {
  status: number;
  retryAfter: string | undefined;
  message: string;
}

/**
 * A login sent from a loopback address of the test's choice (all of 127.0.0.0/8 reaches the
 * service on Linux): the service sees each as another client, as it did in the reported attack.
 */
function loginFrom(baseUrl: string, address: string, body: object): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/api/v1/auth/login`,
      {
        method: 'POST',
        localAddress: address,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            message: String((JSON.parse(text) as { message: unknown }).message),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('login limits (per account across addresses) and the password policy', () => {
  let service: TestApp;
  let admin: Http;
  const password = 'a-password-long-enough';

  beforeAll(async () => {
    service = await startTestApp();
    admin = await new Http(service.baseUrl).login(TEST_ADMIN.username, TEST_ADMIN.password);
  });
  afterAll(() => service.close());

  const createUser = (username: string, userPassword: string) =>
    admin.post('/api/v1/users', { username, password: userPassword, role: 'rso' });

  it('answers 429 with Retry-After once one account has 10 wrong passwords, from any address', async () => {
    const username = unique('victim');
    expect((await createUser(username, password)).status).toBe(201);
    // The reported attack: wrong passwords from five addresses, each under its own limit.
    const addresses = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'];
    const answers: Answer[] = [];
    for (let i = 0; i < 15; i++)
      answers.push(
        await loginFrom(service.baseUrl, addresses[i % 5], { username, password: `guess-${i}` }),
      );
    expect(answers.map((answer) => answer.status)).toEqual([
      ...Array<number>(10).fill(401),
      ...Array<number>(5).fill(429),
    ]);
    const refused = answers[14];
    expect(Number(refused.retryAfter)).toBeGreaterThan(14 * 60);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect(refused.message).toBe('Too many failed logins for this account; try again later');
    // A fresh address, another case, the right password: still refused until the window ends.
    const right = await loginFrom(service.baseUrl, '127.0.0.7', {
      username: username.toUpperCase(),
      password,
    });
    expect(right.status).toBe(429);
    // Other accounts are untouched.
    expect((await loginFrom(service.baseUrl, '127.0.0.7', TEST_ADMIN)).status).toBe(200);
  });

  it('throttles an unknown username exactly like a known one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (
          await loginFrom(service.baseUrl, `127.0.1.${1 + (i % 5)}`, {
            username: 'nobody-at-all',
            password: `guess-${i}`,
          })
        ).status,
      );
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
  });

  it('does not count successful logins against the account', async () => {
    const username = unique('often');
    expect((await createUser(username, password)).status).toBe(201);
    for (let i = 0; i < 12; i++)
      expect(
        (await loginFrom(service.baseUrl, `127.0.2.${1 + (i % 6)}`, { username, password })).status,
      ).toBe(200);
  });

  it('refuses a repeated character and a password containing the username with 400', async () => {
    const repeated = await createUser(unique('rso'), 'aaaaaaaaaaaa');
    expect(repeated.status).toBe(400);
    expect(String(repeated.body.message)).toContain(
      'password must not be one character or one chunk repeated',
    );
    const username = unique('curie');
    const withName = await createUser(username, `My-${username.toUpperCase()}-pass`);
    expect(withName.status).toBe(400);
    expect(String(withName.body.message)).toContain('password must not contain the username');
    expect((await createUser(username, 'radium polonium 1898')).status).toBe(201);
  });
});
