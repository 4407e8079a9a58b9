/// <reference lib="dom" />
import type { MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { ctEvent, publishEvents, registerModality } from '../support/exposure-events.js';
import { connectPublisher, eventually } from '../support/mqtt-publisher.js';
import { iso, startRsoSession, unique, type RsoSession } from '../support/rso-session.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import {
  axeViolations,
  launchUiBrowser,
  logIn,
  screenshot,
  scriptErrors,
  UI_PASSWORD,
  type UiBrowser,
} from '../support/ui-browser.js';
import { createWorker, publishReadings, wearBadge } from '../support/wearing.js';

const HOUR = 3_600_000;
const TZ = 'Europe/Paris';

/**
 * The web UI (README.md, Web UI) in a real browser (Debian's chromium through
 * playwright-core), against the whole service in this process: an RSO watches a worker cross
 * the annual limit as readings arrive over MQTT, the alert appears live, the worker's bar
 * moves, and the RSO acknowledges and resolves; a technician sees their own dose and cannot
 * reach anyone else's.
 *
 * Doses: an EU adult (effective limit 20 mSv a year). A trunk badge's hp10 register at
 * 400 µSv puts 0.4 mSv on the year (2 %) and the quarter (below eu's investigation Level I,
 * 0.5 mSv): no alert; at 21 000 µSv, 21 mSv (105 %: critical, a new alert).
 */
describe('web UI in a browser', () => {
  let session: RsoSession;
  let database: ScratchDatabase | undefined;
  let device: MqttClient;
  let browser: UiBrowser;
  let baseUrl: string;
  /** Everything the service process wrote to stdout/stderr during the test (Nest's log). */
  const serverLog: string[] = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };

  const openPage = (width?: number, height?: number): Promise<Page> =>
    browser.openPage(width, height);
  const login = (page: Page, username: string) => logIn(page, baseUrl, username);
  const tokenIn = (page: Page): Promise<string> =>
    page.evaluate(() => sessionStorage.getItem('dose.accessToken') ?? '');
  const meter = (page: Page, personId: string) =>
    page.locator(`.ranking li[data-person-id="${personId}"] [role="meter"]`);

  beforeAll(async () => {
    const capture =
      (stream: NodeJS.WriteStream, original: typeof process.stdout.write) =>
      (chunk: unknown, ...rest: unknown[]): boolean => {
        serverLog.push(String(chunk));
        return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
      };
    process.stdout.write = capture(process.stdout, writes.out);
    process.stderr.write = capture(process.stderr, writes.err);
    // Paris days need a database of their own (startTestApp).
    database = await createScratchDatabase('dashboard_ui_paris');
    session = await startRsoSession({ FACILITY_TZ: TZ }, { databaseUrl: database.url });
    baseUrl = session.service.baseUrl;
    device = await connectPublisher();
    browser = await launchUiBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await device?.endAsync();
    await session?.service.close();
    await database?.drop();
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  });

  it('serves the UI at / and on any app path, and leaves the API its own 404s', async () => {
    const root = await fetch(`${baseUrl}/`);
    expect(root.status).toBe(200);
    const html = await root.text();
    expect(html).toContain('<div id="app">');
    // helmet's policy stays in place, and the page needs nothing it forbids (no inline script).
    expect(root.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect((await fetch(`${baseUrl}/people/${crypto.randomUUID()}`)).status).toBe(200);
    const api = await fetch(`${baseUrl}/api/v1/no-such-route`);
    expect([api.status, api.headers.get('content-type')]).toEqual([
      404,
      expect.stringContaining('application/json'),
    ]);
    expect((await fetch(`${baseUrl}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/health/live`)).headers.get('content-type')).toContain('json');
  });

  it('shows the RSO a worker crossing the annual limit live, and takes an acknowledgement', async () => {
    const { rso, rsoName, service } = session;
    const name = unique('Ursula Crossing');
    const personId = await createWorker(rso, { name });
    const start = Date.now() - 2 * HOUR;
    const serial = await wearBadge(rso, personId, 'trunk', iso(start - HOUR));
    await publishReadings(service, device, serial, [
      { seq: 1, measuredAt: iso(start), hp10: 400, battery: 90 },
    ]);

    const page = await openPage();
    // The alert list loads apart from the ranking: "no alert about them" means something only
    // once both of its requests have answered and a frame has rendered what they brought.
    const alertsLoaded = Promise.all(
      ['open', 'acknowledged'].map((state) =>
        page.waitForResponse((r) => r.url().endsWith(`/api/v1/alerts?state=${state}`) && r.ok()),
      ),
    );
    await login(page, rsoName);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByText(`times in ${TZ}`).waitFor();
    await page
      .locator(`.ranking li[data-person-id="${personId}"] [data-fraction="0.02"]`)
      .waitFor();
    expect(await meter(page, personId).getAttribute('aria-valuetext')).toBe('2 %, ok');
    await alertsLoaded;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(await page.locator(`li.alert:has-text("${name}")`).count()).toBe(0);
    await screenshot(page, 'rso-overview-before');
    expect(await axeViolations(page)).toEqual([]);

    // From here on the page is never reloaded: a marker in its window would not survive one.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    await publishReadings(service, device, serial, [
      { seq: 1, measuredAt: iso(start), hp10: 400, battery: 90 },
      { seq: 2, measuredAt: iso(start + HOUR), hp10: 21_000, battery: 88 },
    ]);
    const critical = await eventually(async () => {
      const alerts = (await rso.get(`/api/v1/alerts?personId=${personId}&kind=doseLimit`)).body as {
        id: string;
        level: string;
        period: string;
      }[];
      return alerts.find((a) => a.period.startsWith('year:') && a.level === 'critical');
    });
    const item = page.locator(`li.alert.level-critical[data-alert-id="${critical.id}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain(name);
    await page
      .locator(`.ranking li[data-person-id="${personId}"] [data-fraction="1.05"]`)
      .waitFor();
    expect(await meter(page, personId).getAttribute('aria-valuetext')).toBe('105 %, critical');
    // Announced to screen readers, politely.
    await page
      .locator('[role="status"][aria-live="polite"]')
      .filter({ hasText: 'New alert:' })
      .waitFor();
    expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
    await screenshot(page, 'rso-overview-crossed');

    // Acknowledge with a note, by keyboard-reachable buttons and a labelled field.
    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await item.getByLabel('Acknowledgement note').fill('Called her in; badge checked.');
    await item.getByRole('button', { name: 'Acknowledge alert' }).click();
    await page
      .locator(`li.alert[data-alert-id="${critical.id}"][data-state="acknowledged"]`)
      .waitFor();
    const stored = (await rso.get(`/api/v1/alerts/${critical.id}`)).body;
    expect([stored.state, stored.acknowledgedBy, stored.acknowledgeNote]).toEqual([
      'acknowledged',
      rsoName.toLowerCase(),
      'Called her in; badge checked.',
    ]);

    // Resolve the quarterly ALARA alert: it leaves the list.
    const alara = await eventually(async () =>
      (
        (await rso.get(`/api/v1/alerts?personId=${personId}&kind=alaraQuarter`)).body as {
          id: string;
        }[]
      ).at(0),
    );
    const alaraItem = page.locator(`li.alert[data-alert-id="${alara.id}"]`);
    await alaraItem.getByRole('button', { name: 'Resolve' }).click();
    await alaraItem.getByLabel('Resolution note').fill('Investigated: a known procedure.');
    await alaraItem.getByRole('button', { name: 'Resolve alert' }).click();
    await alaraItem.waitFor({ state: 'detached' });
    expect((await rso.get(`/api/v1/alerts/${alara.id}`)).body.state).toBe('resolved');

    // Badge status: the worker's badge, its battery and when it was last seen, in Paris time.
    await page.locator(`tr[data-serial="${serial}"]`, { hasText: '88 %' }).waitFor();
    await page.getByText('Unattributed readings waiting').waitFor();

    // The person page: limits, the chart against the limit line, the readings table.
    await page.locator('.ranking').getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    // Opened on the quantity of the bar that brought the RSO here (her largest fraction).
    expect(page.url()).toBe(`${baseUrl}/people/${personId}?quantity=effective`);
    const chart = page.getByRole('img', { name: /Effective dose, cumulative dose/ });
    expect(await chart.getAttribute('aria-label')).toContain(
      '21.000 mSv against a 5-year limit of 100.000 mSv',
    );
    expect(await page.locator('.chart .limit line').count()).toBe(1);
    const rows = page.locator('section[aria-labelledby="readings-title"] tbody tr');
    await eventually(async () => ((await rows.count()) === 2 ? true : undefined));
    const paris = new Intl.DateTimeFormat('sv-SE', {
      timeZone: TZ,
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(start + HOUR));
    expect(await rows.first().textContent()).toContain(paris);
    // Units: mrem (1 mSv = 100 mrem), remembered across pages.
    await page.getByRole('radio', { name: 'mrem' }).check();
    expect(await chart.getAttribute('aria-label')).toContain(
      '2,100.0 mrem against a 5-year limit of 10,000.0 mrem',
    );
    await screenshot(page, 'rso-person-mrem');
    await page.getByRole('radio', { name: 'mSv' }).check();

    // A hand-typed address of the same page loads it (the token survives in this tab only).
    await page.goto(`${baseUrl}/people/${personId}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();

    // Phone width: the overview reflows to one column.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Overview' }).click();
    await meter(page, personId).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await screenshot(page, 'rso-overview-phone');

    const token = await tokenIn(page);
    expect(token.split('.')).toHaveLength(3);
    expect(browser.requestUrls.filter((url) => url.includes(token))).toEqual([]);
    expect(browser.consoleLines.filter((line) => line.includes(token))).toEqual([]);
    await page.close();
  });

  it('looks a patient up by id without the id reaching the address bar or any log', async () => {
    const { rsoName, service } = session;
    const patientId = unique('MRN-UI');
    await registerModality(session.rso, 'CT-UI');
    await publishEvents(
      service,
      device,
      'CT-UI',
      [ctEvent(unique('1.2.840.99'), patientId, 3, { dlp: 500 })],
      1,
    );
    const page = await openPage();
    await login(page, rsoName);
    await page.getByRole('link', { name: 'Patient lookup' }).click();
    await page.getByLabel('Patient id (MRN)').fill(patientId);
    await page.getByRole('button', { name: 'Look up' }).click();
    // 500 mGy·cm × 0.014 mSv/(mGy·cm) (adult chest, AAPM Report 96) = 7 mSv, estimated.
    await page.getByText('7.000 mSv (estimated: DLP × k = 0.014 mSv/(mGy·cm))').waitFor();
    await screenshot(page, 'rso-patient');
    expect(page.url()).toBe(`${baseUrl}/patients`);
    // One lookup, by POST: the id travels in its body, in no URL (DESIGN.md §7).
    const lookups = browser.requestUrls.filter((url) => url.includes('/api/v1/patients'));
    expect(lookups).toEqual([`${baseUrl}/api/v1/patients/lookup`]);
    expect(browser.requestUrls.filter((url) => url.includes(patientId))).toEqual([]);
    expect(browser.consoleLines.filter((line) => line.includes(patientId))).toEqual([]);
    expect(serverLog.filter((line) => line.includes(patientId))).toEqual([]);
    await page.close();
  });

  it("shows a technician their own dose and nothing of anyone else's", async () => {
    const { admin, rso, service } = session;
    const ownName = unique('Tom Own');
    const ownId = await createWorker(rso, { name: ownName });
    const otherName = unique('Olga Other');
    const otherId = await createWorker(rso, { name: otherName });
    const username = unique('tech-ui');
    const created = await admin.post('/api/v1/users', {
      username,
      password: UI_PASSWORD,
      role: 'technician',
      personId: ownId,
    });
    expect(created.status).toBe(201);
    const start = Date.now() - 3 * HOUR;
    for (const [personId, hp10] of [
      [ownId, 2_000],
      [otherId, 7_000],
    ] as const) {
      const serial = await wearBadge(rso, personId, 'trunk', iso(start - HOUR));
      await publishReadings(service, device, serial, [{ seq: 1, measuredAt: iso(start), hp10 }]);
    }

    const page = await openPage();
    await login(page, username);
    await page.getByRole('heading', { level: 1, name: 'My dose' }).waitFor();
    // 2 mSv this quarter and year against the EU adult's 20 mSv: 10 %, notice.
    const effective = page.locator('[data-quantity="effective"]');
    await effective.getByText('2.000 mSv').first().waitFor();
    expect(
      await effective
        .getByRole('meter', { name: 'Effective dose: limit for the calendar year' })
        .getAttribute('aria-valuetext'),
    ).toBe('10 %, notice');
    // In plain words: 2 mSv of 20 mSv = 10 %.
    await effective
      .getByText('You have received 2 mSv this year — 10 % of your 20 mSv annual limit.')
      .first()
      .waitFor();
    // No way to anyone else: no overview, no patient lookup, no link to a person.
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await page.locator('a[href^="/people/"]').count()).toBe(0);
    // Reloaded, the login holds (this tab's sessionStorage); the first Tab reaches the skip link.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My dose' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await screenshot(page, 'technician-own');
    expect(await axeViolations(page)).toEqual([]);

    // A hand-edited address...
    await page.goto(`${baseUrl}/people/${otherId}`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    // ...and an in-app route change to it show nothing of the other person.
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'My dose' }).waitFor();
    await page.evaluate((id) => {
      history.pushState(null, '', `/people/${id}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, otherId);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await page.content()).not.toContain(otherName);
    expect(await page.content()).not.toContain('7.000 mSv');
    await screenshot(page, 'technician-other-refused');
    // The API behind it refuses too, with the token this tab holds.
    const statuses = await page.evaluate(async (id) => {
      const headers = { authorization: `Bearer ${sessionStorage.getItem('dose.accessToken')}` };
      const status = async (url: string) => (await fetch(url, { headers })).status;
      return {
        exposure: await status(`/api/v1/people/${id}/exposure`),
        daily: await status(`/api/v1/people/${id}/daily-doses`),
        readings: await status(`/api/v1/people/${id}/readings`),
        dashboard: await status('/api/v1/dashboard'),
      };
    }, otherId);
    expect(statuses).toMatchObject({ exposure: 404, daily: 404, readings: 404, dashboard: 403 });
    // No request this page made ever named the other person.
    expect(
      browser.requestUrls.filter(
        (url) => url.includes(otherId) && !url.startsWith(`${baseUrl}/people/`),
      ),
    ).toEqual([
      `${baseUrl}/api/v1/people/${otherId}/exposure`,
      `${baseUrl}/api/v1/people/${otherId}/daily-doses`,
      `${baseUrl}/api/v1/people/${otherId}/readings`,
    ]);
    // The live alert stream was opened with the token in its header only.
    expect(browser.requestUrls.some((url) => url === `${baseUrl}/api/v1/alerts/stream`)).toBe(true);
    await page.close();
  });

  it('raised no script error and no Content-Security-Policy violation on any page', () => {
    expect(scriptErrors(browser.consoleLines)).toEqual([]);
  });
});
