/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { AlertEvaluator } from '../../src/alerts/alert-evaluator.service.js';
import { DAY, iso, patch, unique } from '../support/rso-session.js';
import { axeViolations, clippedTexts, logIn, PHONE, screenshot } from '../support/ui-browser.js';
import { startUiService, type UiService } from '../support/ui-service.js';
import { createWorker, publishReadings, wearBadge } from '../support/wearing.js';

const HOUR = 3_600_000;

/**
 * The Reports page (issue 32 item 4): every report downloaded as a file with the session's
 * token in the Authorization header, never in an address. Rita, an EU adult, has 2.5 mSv
 * effective this quarter (Hp(10) 2 500 µSv on a trunk badge): over the eu profile's ALARA
 * investigation level II of 1.5 mSv a quarter, so she is in the ALARA report.
 */
describe('reports page', () => {
  let world: UiService;
  const name = unique('Rita Report');
  let serial: string;
  const today = new Date().toISOString().slice(0, 10);
  const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;

  const reportsPage = async (width?: number, height?: number): Promise<Page> => {
    const page = await world.browser.openPage(width, height);
    await logIn(page, world.baseUrl, world.session.rsoName);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    return page;
  };
  const save = async (page: Page, button: string): Promise<Download> => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button }).click(),
    ]);
    return file;
  };
  const text = async (file: Download): Promise<string> => readFile(await file.path(), 'utf8');

  beforeAll(async () => {
    world = await startUiService('reports_ui');
    const { rso, service } = world.session;
    const personId = await createWorker(rso, { name });
    const start = Date.now() - 2 * HOUR;
    serial = await wearBadge(rso, personId, 'trunk', iso(start - HOUR));
    await publishReadings(service, world.device, serial, [
      { seq: 1, measuredAt: iso(start), hp10: 2_500, battery: 80 },
    ]);
    // Due for calibration in 10 days: the badge report lists it (within 30 days).
    const due = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    expect((await patch(rso, `/api/v1/badges/${serial}`, { calibrationDue: due })).status).toBe(
      200,
    );
    await service.app.get(AlertEvaluator).idle();
  });

  afterAll(() => world?.close());

  it("downloads a worker's annual record and history as PDF and CSV", async () => {
    const page = await reportsPage();
    await page.getByLabel('Worker', { exact: true }).selectOption({ label: name });
    const year = today.slice(0, 4);
    const pdf = await save(page, `Download annual record ${year} as PDF`);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect((await readFile(await pdf.path())).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await save(page, `Download annual record ${year} as CSV`);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(await text(csv)).toContain(name);
    const history = await save(page, 'Download dose history as PDF');
    expect((await readFile(await history.path())).subarray(0, 5).toString()).toBe('%PDF-');
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved .*\.pdf$/ })
      .first()
      .waitFor();
    await screenshot(page, 'reports');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('downloads the ALARA quarter, the badge report and the readings export', async () => {
    const page = await reportsPage();
    await page.getByLabel('Quarter (e.g. 2026-Q3)').fill('2026-Q5');
    expect(
      await page.getByRole('button', { name: 'Download ALARA report 2026-Q5 as CSV' }).isDisabled(),
    ).toBe(true);
    await page.getByLabel('Quarter (e.g. 2026-Q3)').fill(quarter);
    const alara = await text(await save(page, `Download ALARA report ${quarter} as CSV`));
    expect(alara).toContain(name);
    expect(await text(await save(page, 'Download badge report as CSV'))).toContain(serial);
    await page.getByLabel('From').fill(new Date(Date.now() - DAY).toISOString().slice(0, 10));
    await page.getByLabel('To (inclusive)').fill(today);
    await page.getByLabel('Person', { exact: true }).selectOption({ label: name });
    const readings = await text(await save(page, 'Download readings export as CSV'));
    expect(readings).toContain(serial);
    // Every request carried the token in its header only.
    const token = await page.evaluate(() => sessionStorage.getItem('dose.accessToken') ?? '');
    expect(token).not.toBe('');
    expect(world.browser.requestUrls.filter((url) => url.includes(token))).toEqual([]);
    expect(world.browser.requestUrls.filter((url) => url.startsWith('blob:'))).toEqual([]);
    await page.close();
  });

  it('fits a phone; the ALARA report stays the RSO’s', async () => {
    const page = await reportsPage(PHONE.width, PHONE.height);
    await page.getByLabel('Worker', { exact: true }).selectOption({ label: name });
    await page.getByRole('button', { name: 'Download dose history as CSV' }).waitFor();
    expect(await clippedTexts(page)).toEqual([]);
    await screenshot(page, 'reports-phone');
    await page.close();
    const { technician } = world.session;
    expect((await technician.get(`/api/v1/reports/alara?quarter=${quarter}`)).status).toBe(403);
  });
});
