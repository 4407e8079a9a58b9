/// <reference lib="dom" />
import type { MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { DAY, iso, patch, unique, type RsoSession } from '../support/rso-session.js';
import {
  axeViolations,
  clippedTexts,
  logIn,
  PHONE,
  screenshot,
  scriptErrors,
  type UiBrowser,
} from '../support/ui-browser.js';
import { startUiService, type UiService } from '../support/ui-service.js';
import { createWorker, publishReadings, wearBadge } from '../support/wearing.js';

const HOUR = 3_600_000;
/** A `datetime-local` value in the facility time zone (UTC on this service). */
const wallClock = (ms: number): string => iso(ms).slice(0, 16);

/**
 * The badge registry (/badges) in a real browser: sorted by what needs attention, and a badge
 * registered, assigned and returned from its forms, the return refused (409) while readings
 * after the return time are counted for the wearer, then made as a correction with a reason
 * (the assignment correction rule, DESIGN.md §7).
 */
describe('badges page in a browser', () => {
  let ui: UiService | undefined;
  let session: RsoSession;
  let device: MqttClient;
  let browser: UiBrowser;
  let baseUrl: string;
  const yesterday = iso(Date.now() - DAY).slice(0, 10);
  const nextYear = iso(Date.now() + 365 * DAY).slice(0, 10);
  const serials = {
    worn: unique('A-WORN'),
    spare: unique('E-SPARE'),
    lost: unique('L-LOST'),
    overdue: unique('O-OVERDUE'),
    retired: unique('R-RETIRED'),
  };
  const wearer = unique('Walter Wearer');
  let wearerId: string;
  const readingAt = Date.now() - HOUR;

  const login = (page: Page) => logIn(page, baseUrl, session.rsoName);

  beforeAll(async () => {
    ui = await startUiService('badges_ui');
    ({ session, baseUrl, device, browser } = ui);
    const { rso, service } = session;
    wearerId = await createWorker(rso, { name: wearer });
    await wearBadge(rso, wearerId, 'trunk', iso(Date.now() - 3 * HOUR), serials.worn, {
      apron: false,
    });
    expect(
      (await patch(rso, `/api/v1/badges/${serials.worn}`, { calibrationDue: nextYear })).status,
    ).toBe(200);
    // One reading an hour ago: 500 µSv hp10 on a trunk badge without apron is 0.5 mSv effective.
    await publishReadings(service, device, serials.worn, [
      { seq: 1, measuredAt: iso(readingAt), hp10: 500, battery: 77 },
    ]);
    for (const [serial, body] of [
      [serials.spare, { calibrationDue: nextYear }],
      [serials.lost, {}],
      [serials.overdue, { calibrationDue: yesterday }],
      [serials.retired, {}],
    ] as const) {
      const created = await rso.post('/api/v1/badges', { serial, bodyLocation: 'collar', ...body });
      expect(created.status).toBe(201);
    }
    expect((await patch(rso, `/api/v1/badges/${serials.lost}`, { status: 'lost' })).status).toBe(
      200,
    );
    expect(
      (await patch(rso, `/api/v1/badges/${serials.retired}`, { status: 'retired' })).status,
    ).toBe(200);
  });

  afterAll(() => ui?.close());

  it('lists badges by what needs attention, with wearer, last seen, battery and calibration', async () => {
    const page = await browser.openPage();
    await login(page);
    await page.getByRole('link', { name: 'Badges', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Badges' }).waitFor();
    const rows = page.locator('section[aria-labelledby="registry-title"] tbody tr');
    await rows.first().waitFor();
    expect(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-serial'))),
    ).toEqual([serials.lost, serials.overdue, serials.worn, serials.spare, serials.retired]);
    const row = (serial: string) => page.locator(`tr[data-serial="${serial}"]`);
    expect(await row(serials.lost).innerText()).toMatch(/nobody\s+never\s+—\s+not recorded\s+lost/);
    expect(await row(serials.overdue).innerText()).toContain(
      `overdue since ${yesterday}\tcalibration overdue`,
    );
    const worn = await row(serials.worn).innerText();
    expect(worn).toContain(
      `trunk (chest or waist)\t${wearer}, apron: no\t${wallClock(readingAt).replace('T', ' ')}`,
    );
    expect(worn).toContain(`77 %\tdue ${nextYear}\tnothing`);
    expect(await row(serials.retired).innerText()).toMatch(/nothing \(retired\)$/);
    await screenshot(page, 'badges-registry');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await clippedTexts(page)).toEqual([]);
    await screenshot(page, 'badges-registry-phone');
    await page.close();
  });

  it('registers and assigns a badge from the forms', async () => {
    const page = await browser.openPage();
    await login(page);
    await page.goto(`${baseUrl}/badges`);
    const serial = unique('N-NEW');
    const register = page.locator('section[aria-labelledby="register-title"]');
    await register.getByLabel('Serial').fill(serial);
    await register.getByLabel('Worn at').selectOption('eye');
    await register.getByLabel('Calibration due').fill(nextYear);
    await register.getByRole('button', { name: 'Register' }).click();
    await register
      .getByRole('status')
      .filter({ hasText: `Badge ${serial} registered.` })
      .waitFor();
    await page.locator(`tr[data-serial="${serial}"]`, { hasText: `eye (at the lens)` }).waitFor();

    // A registered serial again: the service's 409, shown as it is.
    await register.getByLabel('Serial').fill(serial);
    await register.getByRole('button', { name: 'Register' }).click();
    await register.getByRole('alert').waitFor();
    expect(await register.getByRole('alert').innerText()).toMatch(/already registered/i);

    const assign = page.locator('section[aria-labelledby="assign-title"]');
    await assign.getByLabel('Badge (active, not worn)').selectOption(serial);
    await assign.getByLabel('Wearer').selectOption(wearerId);
    await assign.getByLabel('Worn from (facility time)').fill(wallClock(Date.now() - 2 * HOUR));
    await assign.getByLabel('Works in a protective apron').selectOption('yes');
    await assign.getByRole('button', { name: 'Assign' }).click();
    // Walter's trunk badge says no apron in that period: the service refuses (409).
    await assign.getByRole('alert').waitFor();
    expect(await assign.getByRole('alert').innerText()).toBe(
      `Not assigned: this person wears badge ${serials.worn} in that period, recorded without an apron. ` +
        'A person is in an apron or not at one time: choose the same, or correct the other assignment first.',
    );
    await assign.getByLabel('Works in a protective apron').selectOption('no');
    await assign.getByRole('button', { name: 'Assign' }).click();
    await assign
      .getByRole('status')
      .filter({ hasText: `Badge ${serial} assigned to ${wearer}.` })
      .waitFor();
    await page
      .locator(`tr[data-serial="${serial}"]`, { hasText: `${wearer}, apron: no` })
      .waitFor();
    const stored = (await session.rso.get(`/api/v1/badges/${serial}`)).body;
    expect(stored.currentAssignment).toMatchObject({ personId: wearerId, apron: false });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'badges-assigned');
    await page.close();
  });

  it('refuses a return that would take counted readings, then makes it as a correction', async () => {
    const page = await browser.openPage();
    await login(page);
    await page.goto(`${baseUrl}/badges`);
    const form = page.locator('section[aria-labelledby="return-title"]');
    await form.getByLabel('Badge').selectOption(serials.worn);
    // Half an hour before the reading: the reading would leave Walter's record.
    await form.getByLabel('Taken off at (facility time)').fill(wallClock(readingAt - HOUR / 2));
    await form.getByRole('button', { name: 'Return' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe(
      `Not returned: 1 reading(s) after that time are already counted (0.500 mSv effective dose from ${wearer}). ` +
        'If they were wrongly counted, give a correction reason: the readings are then re-attributed and the dose moved is listed with the adjustments.',
    );
    expect(
      (await session.rso.get(`/api/v1/badges/${serials.worn}`)).body.currentAssignment,
    ).not.toBeNull();

    const reason = 'Badge left on the rack after the shift';
    await form.getByLabel('Badge').selectOption(serials.worn);
    await form.getByLabel('Taken off at (facility time)').fill(wallClock(readingAt - HOUR / 2));
    await form.getByLabel(/Correction reason/).fill(reason);
    await form.getByRole('button', { name: 'Return' }).click();
    await form
      .getByRole('status')
      .filter({
        hasText: `Badge ${serials.worn} returned; the readings after it were re-attributed (${reason}).`,
      })
      .waitFor();
    await page.locator(`tr[data-serial="${serials.worn}"]`, { hasText: 'nobody' }).waitFor();
    const adjustments = (await session.rso.get(`/api/v1/people/${wearerId}/adjustments`)).body as {
      kind: string;
      reason: string;
      doseMSv: number;
      quantity: string;
    }[];
    expect(adjustments).toEqual([
      expect.objectContaining({
        kind: 'reattribution',
        quantity: 'effective',
        doseMSv: -0.5,
        reason,
      }),
    ]);
    // The refusals above are answers the page shows, not script errors.
    const refused = /status of 409/;
    expect(scriptErrors(browser.consoleLines).filter((line) => !refused.test(line))).toEqual([]);
    await screenshot(page, 'badges-returned');
    await page.close();
  });
});
