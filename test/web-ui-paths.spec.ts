import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The web UI answers only its own pages (DESIGN.md §8) and its files: a probe or scraper
 * pointed at a conventional path the service does not have gets a 404 in JSON, never the UI's
 * HTML with a 200 that would make every probe pass.
 */
describe('web UI paths and the single-page fallback', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service.close());

  const get = (path: string) => fetch(`${service.baseUrl}${path}`);

  it.each([
    '/',
    '/alerts',
    '/people',
    '/people/7b0c0a52-4a1e-4a55-9d6e-0f1f2e3d4c5b',
    '/badges',
    '/reports',
    '/patients',
    '/me',
    '/admin/users',
  ])('serves the UI at %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it.each([
    '/healthz',
    '/readyz',
    '/livez',
    '/health/ready',
    '/health/startup',
    '/metrics/extra',
    '/metricsz',
    '/api',
    '/api/v2/people',
    '/apis',
    '/people/1/2',
    '/admin',
    '/wp-login.php',
    '/nothing-here',
  ])('answers 404 in JSON at %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('serves the built assets the UI page names', async () => {
    const html = await (await get('/')).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect((await get(asset)).status).toBe(200);
  });
});
