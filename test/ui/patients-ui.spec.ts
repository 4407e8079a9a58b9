/// <reference lib="dom" />
import type { MqttClient } from 'mqtt';
import {
  ctEvent,
  fluoroEvent,
  publishEvents,
  registerModality,
} from '../support/exposure-events.js';
import { DAY, iso, unique, type RsoSession } from '../support/rso-session.js';
import { startUiService, type UiService } from '../support/ui-service.js';
import {
  axeViolations,
  clippedTexts,
  logIn,
  PHONE,
  screenshot,
  scriptErrors,
  type UiBrowser,
} from '../support/ui-browser.js';

/**
 * The patient lookup (/patients) in a real browser. One patient, two procedures:
 * - a chest CT, CTDIvol 8.1 mGy, DLP 500 mGy·cm: no reported effective dose, so estimated as
 *   DLP × k = 500 × 0.014 mSv/(mGy·cm) (adult chest, AAPM Report 96) = 7 mSv;
 * - a fluoroscopy, reference air kerma 5 200 mGy = 5.20 Gy (≥ 5 Gy: `high`, NCRP 168's
 *   substantial radiation dose level), DAP 235 Gy·cm² (≥ 200 Gy·cm² over 12 weeks: `notice`),
 *   fluoroscopy time 754 s = 12:34.
 */
describe('patient lookup in a browser', () => {
  let ui: UiService | undefined;
  let session: RsoSession;
  let device: MqttClient;
  let browser: UiBrowser;
  let baseUrl: string;
  const patientId = unique('MRN-P');
  const fluoroDay = iso(Date.now() - 2 * DAY).slice(0, 10);

  beforeAll(async () => {
    ui = await startUiService('patients_ui');
    ({ session, baseUrl, device, browser } = ui);
    const { rso, service } = session;
    await registerModality(rso, 'CT-PUI');
    await registerModality(rso, 'XA-PUI', 'fluoroscopy');
    await publishEvents(
      service,
      device,
      'CT-PUI',
      [ctEvent(unique('1.2.840.7'), patientId, 5, { dlp: 500 })],
      1,
    );
    await publishEvents(
      service,
      device,
      'XA-PUI',
      [{ ...fluoroEvent(unique('1.2.840.8'), patientId, 2, 5200, 235), fluoroTimeS: 754 }],
      1,
    );
  });

  afterAll(() => ui?.close());

  it('shows each procedure in words and units, and the alerts in Gy against their thresholds', async () => {
    const page = await browser.openPage();
    await logIn(page, baseUrl, session.rsoName);
    await page.getByRole('link', { name: 'Patient lookup' }).click();
    await page.getByLabel('Patient id (MRN)').fill(patientId);
    await page.getByRole('button', { name: 'Look up' }).click();
    const result = page.locator('section[aria-labelledby="patient-title"]');
    await result.waitFor();

    const figure = async (name: string) =>
      result.locator('.figures div', { hasText: name }).innerText();
    expect(await figure('Effective dose, lifetime')).toBe('Effective dose, lifetime\n7.000 mSv');
    expect(await figure('Reference air kerma, last 12 weeks')).toBe(
      'Reference air kerma, last 12 weeks\n5.20 Gy',
    );
    expect(await figure('Dose-area product, last 12 weeks')).toBe(
      'Dose-area product, last 12 weeks\n235.0 Gy·cm²',
    );

    const rows = result.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const [fluoro, ct] = [await rows.nth(0).innerText(), await rows.nth(1).innerText()];
    expect(fluoro).toContain(
      'Reference air kerma 5.20 Gy\nDAP 235.0 Gy·cm²\nFluoroscopy time 12:34 min:s',
    );
    expect(fluoro).toContain('not known');
    expect(ct).toContain('CTDIvol 8.1 mGy\nDLP 500 mGy·cm');
    expect(ct).toContain('7.000 mSv (estimated: DLP × k = 0.014 mSv/(mGy·cm))');

    const alerts = result.locator('li.alert');
    await alerts.first().waitFor();
    expect((await alerts.allInnerTexts()).map((text) => text.split('\n')[0]).sort()).toEqual([
      `high · Reference air kerma of one procedure: 5.20 Gy (thresholds: 3.00 Gy notice, 5.00 Gy high)`,
      `notice · Dose-area product over the 12 weeks to ${fluoroDay}: 235.0 Gy·cm² (thresholds: 200.0 Gy·cm² notice)`,
    ]);
    // No raw field name, no run-together percentage, no mGy against a Gy threshold.
    expect(await result.innerText()).not.toMatch(/referenceAirKerma|\bdap\b|%\)\d|mGy \(/);

    await screenshot(page, 'patient-lookup');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await clippedTexts(page)).toEqual([]);
    await screenshot(page, 'patient-lookup-phone');

    // The id went only into the lookup's body: in no address, request URL or console line.
    expect(page.url()).toBe(`${baseUrl}/patients`);
    expect(browser.requestUrls.filter((url) => url.includes(patientId))).toEqual([]);
    expect(browser.consoleLines.filter((line) => line.includes(patientId))).toEqual([]);
    expect(scriptErrors(browser.consoleLines)).toEqual([]);
    await page.close();
  });

  it('says so when no patient has that id', async () => {
    const page = await browser.openPage();
    await logIn(page, baseUrl, session.rsoName);
    await page.goto(`${baseUrl}/patients`);
    await page.getByLabel('Patient id (MRN)').fill(unique('MRN-NONE'));
    await page.getByRole('button', { name: 'Look up' }).click();
    const error = page.getByRole('alert');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/no patient|not found/i);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
