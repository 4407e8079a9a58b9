/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { AlertEvaluator } from '../../src/alerts/alert-evaluator.service.js';
import { eventually } from '../support/mqtt-publisher.js';
import { iso, unique } from '../support/rso-session.js';
import {
  axeViolations,
  clippedTexts,
  logIn,
  PHONE,
  screenshot,
  UI_PASSWORD,
} from '../support/ui-browser.js';
import { startUiService, type UiService } from '../support/ui-service.js';
import { createWorker, publishReadings, wearBadge } from '../support/wearing.js';

const HOUR = 3_600_000;

/**
 * A technician's own page in plain words (issue 32 item 5). Tina, an EU adult, wears one trunk
 * badge under her apron: Hp(10) 3 900 µSv is her effective dose, 3.9 mSv, 19.5 % of the 20 mSv
 * annual limit (2013/59/Euratom Art. 9(2)); Hp(0.07) 4 100 µSv her skin dose, 4.1 mSv of 500 mSv
 * (Art. 9(3)(b)) = 0.82 %, shown 0.8 %; no badge measures her eye lens or extremities (not
 * monitored, worker-dose-rules.spec.ts). The battery at 15 % raises a batteryLow notice
 * (≤ 20 %, alert-thresholds.ts).
 */
describe('technician page', () => {
  let world: UiService;
  let username: string;
  let serial: string;
  let year: number;

  const ownPage = async (width?: number, height?: number): Promise<Page> => {
    const page = await world.browser.openPage(width, height);
    await logIn(page, world.baseUrl, username);
    await page.getByRole('heading', { level: 1, name: 'My dose' }).waitFor();
    await page.locator('.plain-summary li').first().waitFor();
    return page;
  };
  const summary = (page: Page, quantity: string) =>
    page.locator(`.plain-summary li[data-quantity="${quantity}"]`);

  beforeAll(async () => {
    world = await startUiService('technician_ui');
    const { admin, rso, service } = world.session;
    const personId = await createWorker(rso, { name: unique('Tina Plain') });
    username = unique('tina');
    const created = await admin.post('/api/v1/users', {
      username,
      password: UI_PASSWORD,
      role: 'technician',
      personId,
    });
    expect(created.status).toBe(201);
    const start = Date.now() - 2 * HOUR;
    serial = await wearBadge(rso, personId, 'trunk', iso(start - HOUR), undefined, { apron: true });
    await publishReadings(service, world.device, serial, [
      { seq: 1, measuredAt: iso(start), hp10: 3_900, hp007: 4_100, hp3: 4_000, battery: 15 },
    ]);
    await service.app.get(AlertEvaluator).idle();
    await eventually(async () => {
      const alerts = (await rso.get(`/api/v1/alerts?personId=${personId}&kind=batteryLow`))
        .body as unknown[];
      return alerts.length > 0 ? true : undefined;
    });
    year = new Date().getUTCFullYear();
  });

  afterAll(() => world?.close());

  it('says the dose of each monitored quantity against its limit, and the others as not monitored', async () => {
    const page = await ownPage();
    expect(await summary(page, 'effective').textContent()).toBe(
      'Effective dose: You have received 3.9 mSv this year — 19.5 % of your 20 mSv annual limit.',
    );
    expect(await summary(page, 'skin').textContent()).toBe(
      'Skin: You have received 4.1 mSv this year — 0.8 % of your 500 mSv annual limit.',
    );
    for (const quantity of ['eyeLens', 'extremity'])
      expect(await summary(page, quantity).textContent()).toContain(
        'not monitored — no badge you wear measures it',
      );
    // The fetal dose exists only in a declared pregnancy: not listed as a gap.
    expect(await summary(page, 'fetal').count()).toBe(0);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/(^|[^\d.,])0\.000 mSv/);
    // In mrem (1 mSv = 100 mrem): 390 mrem of 2,000 mrem.
    await page.getByRole('radio', { name: 'mrem' }).check();
    expect(await summary(page, 'effective').textContent()).toContain(
      '390 mrem this year — 19.5 % of your 2,000 mrem annual limit',
    );
    await page.getByRole('radio', { name: 'mSv' }).check();
    await screenshot(page, 'technician-plain');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('explains each of their alerts and lists their badges with when each was last seen', async () => {
    const page = await ownPage();
    const battery = page.locator('li.alert').filter({ hasText: 'Badge battery low' });
    await battery.waitFor();
    expect(await battery.locator('.alert-figures').textContent()).toBe('Battery at 15 %');
    expect(await battery.locator('.alert-advice').textContent()).toBe(
      'Your badge battery is low. Charge it or ask for a new one today.',
    );
    // 3.9 of 20 mSv = 19.5 %: a notice (≥ 10 %), explained without alarm.
    const limit = page.locator('li.alert').filter({ hasText: 'Dose nearing a limit' });
    expect(await limit.locator('.alert-figures').textContent()).toBe(
      '3.900 mSv — 19.5 % of the 20.000 mSv limit',
    );
    expect(await limit.locator('.alert-advice').textContent()).toBe(
      'Your dose has reached this share of a legal limit. Your radiation safety officer will review your work with you; keep wearing your badges.',
    );
    // A technician acknowledges, never resolves.
    expect(await battery.getByRole('button', { name: 'Resolve' }).count()).toBe(0);
    const row = page.locator(`tr[data-serial="${serial}"]`);
    const stored = (await world.session.rso.get(`/api/v1/badges/${serial}`)).body as {
      lastSeenAt: string;
    };
    const lastSeen = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'UTC',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(stored.lastSeenAt));
    expect(await row.locator('td').allTextContents()).toEqual(['trunk', lastSeen, '15 %']);
    await page.close();
  });

  it('downloads their own annual record and history with their session, no token in a URL', async () => {
    const page = await ownPage();
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Download annual record ${year} as PDF` }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect((await readFile(await pdf.path())).subarray(0, 5).toString()).toBe('%PDF-');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download dose history as CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(await readFile(await csv.path(), 'utf8')).toContain('3.9');
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved .*\.csv$/ })
      .waitFor();
    const token = await page.evaluate(() => sessionStorage.getItem('dose.accessToken') ?? '');
    expect(token).not.toBe('');
    expect(world.browser.requestUrls.filter((url) => url.includes(token))).toEqual([]);
    await page.close();
  });

  it('fits a phone: no value cut off', async () => {
    const page = await ownPage(PHONE.width, PHONE.height);
    await page.locator(`tr[data-serial="${serial}"]`).waitFor();
    expect(await clippedTexts(page)).toEqual([]);
    await screenshot(page, 'technician-phone');
    await page.close();
  });
});
