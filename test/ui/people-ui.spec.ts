/// <reference lib="dom" />
import type { MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { addPriorDose } from '../support/not-measured.js';
import { DAY, iso, messages, patch, unique, type RsoSession } from '../support/rso-session.js';
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
const YEAR = new Date().getUTCFullYear();

/**
 * The people directory (/people) and a person's page (/people/:id) in a real browser, on a
 * service of its own (UTC days).
 *
 * Eva: an EU adult with one trunk badge, no apron: hp10 → effective, hp007 → skin, hp3 → eye
 * lens (DESIGN.md §4); no extremity badge, so extremity is not monitored. 22 hourly readings,
 * register i (1–22) at hp10 = 100·i, hp007 = 120·i, hp3 = 150·i µSv: effective 2.2 mSv
 * (11 % of 20 mSv), skin 2.64 mSv, eye lens 3.3 mSv, against her own eye-lens limit of 15 mSv
 * a year (22 %). A prior dose of 1.5 mSv effective from last year's employer makes her 5-year
 * cumulative effective dose 3.7 mSv (3.7 % of 100 mSv).
 */
describe('people pages in a browser', () => {
  let ui: UiService | undefined;
  let session: RsoSession;
  let device: MqttClient;
  let browser: UiBrowser;
  let baseUrl: string;
  const people = {} as Record<'eva' | 'noah' | 'lou' | 'pat' | 'paula', string>;
  const names = {
    eva: unique('Eva Lens'),
    noah: unique('Noah Nodose'),
    lou: unique('Lou Lostbadge'),
    pat: unique('Pat Wearer'),
    paula: unique('Paula Declared'),
  };
  const noahEmployeeId = unique('E-2002');
  const lostSerial = unique('LOST');
  const patSerial = unique('PATB');
  const start = Date.now() - 30 * HOUR;

  const login = (page: Page) => logIn(page, baseUrl, session.rsoName);

  beforeAll(async () => {
    ui = await startUiService('people_ui');
    ({ session, baseUrl, device, browser } = ui);
    const { rso, service } = session;

    people.eva = await createWorker(rso, { name: names.eva, employeeId: unique('E-1001') });
    const trunk = await wearBadge(rso, people.eva, 'trunk', iso(start - HOUR), undefined, {
      apron: false,
    });
    await publishReadings(
      service,
      device,
      trunk,
      Array.from({ length: 22 }, (_, k) => ({
        seq: k + 1,
        measuredAt: iso(start + k * HOUR),
        hp10: 100 * (k + 1),
        hp007: 120 * (k + 1),
        hp3: 150 * (k + 1),
        battery: 90,
        // The last one at 800 µSv/h: a doseRate alert (≥ 500 µSv/h, DESIGN.md §5), open since then.
        ...(k === 21 ? { doseRate: 800 } : {}),
      })),
    );
    const own = await rso.send('PUT', `/api/v1/people/${people.eva}/limits`, {
      quantity: 'eyeLens',
      period: 'year',
      limitMSv: 15,
      reason: 'Employer dose constraint for interventional cardiology',
    });
    expect(own.status).toBe(200);
    await addPriorDose(rso, people.eva, {
      employer: 'St Elsewhere Hospital',
      from: `${YEAR - 1}-01-01`,
      to: `${YEAR - 1}-03-31`,
      quantities: { effective: 1.5 },
    });

    people.noah = await createWorker(rso, { name: names.noah, employeeId: noahEmployeeId });
    people.lou = await createWorker(rso, { name: names.lou });
    await wearBadge(rso, people.lou, 'collar', iso(start), lostSerial);
    expect((await patch(rso, `/api/v1/badges/${lostSerial}`, { status: 'lost' })).status).toBe(200);
    const pat = await rso.post<{ id: string }>('/api/v1/people', {
      kind: 'patient',
      name: names.pat,
    });
    people.pat = pat.body.id;
    await wearBadge(rso, people.pat, 'trunk', iso(start), patSerial);
    people.paula = await createWorker(rso, { name: names.paula });
    await wearBadge(rso, people.paula, 'trunk', iso(start - 20 * DAY));
    const declared = await rso.post(`/api/v1/people/${people.paula}/pregnancy`, {
      declaredAt: iso(Date.now() - 10 * DAY),
    });
    expect(declared.status).toBe(201);
  });

  afterAll(() => ui?.close());

  it('searches people by name, employee id and any serial they wore, and refuses a blank search', async () => {
    const { rso } = session;
    const found = async (q: string) =>
      ((await rso.get(`/api/v1/people?q=${encodeURIComponent(q)}`)).body as { id: string }[]).map(
        (p) => p.id,
      );
    expect(await found(noahEmployeeId.toLowerCase())).toEqual([people.noah]);
    expect(await found(lostSerial.toLowerCase())).toEqual([people.lou]);
    expect(await found(names.pat.slice(0, 10))).toEqual([people.pat]);
    // % is the text typed, not a wildcard.
    expect(await found('%')).toEqual([]);
    const blank = await rso.get('/api/v1/people?q=%20%20');
    expect([blank.status, messages(blank)]).toEqual([400, 'q must not be blank']);
    const limits = await rso.get(`/api/v1/people/${people.eva}/limits`);
    expect(limits.body).toEqual([
      {
        personId: people.eva,
        quantity: 'eyeLens',
        period: 'year',
        limitMSv: 15,
        reason: 'Employer dose constraint for interventional cardiology',
      },
    ]);
  });

  it('lists everyone in the directory, with or without dose, and finds them by badge serial', async () => {
    const page = await browser.openPage();
    await login(page);
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    const row = (id: string) => page.locator(`tr[data-person-id="${id}"]`);
    await row(people.noah).waitFor();
    expect(await row(people.noah).innerText()).toMatch(
      new RegExp(`${noahEmployeeId}\\s+none\\s+no dose recorded`),
    );
    // Eva's largest share: her eye lens, 3.3 of her own 15 mSv a year.
    await row(people.eva)
      .getByText('22 % of the eye lens limit for the calendar year (3.300 mSv)')
      .waitFor();
    expect(await row(people.pat).innerText()).toContain(`patient`);
    expect(await row(people.pat).innerText()).toContain(patSerial);
    await screenshot(page, 'people-directory');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Name, employee id or badge serial').fill(lostSerial.toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText(`1 person match “${lostSerial.toLowerCase()}”`).waitFor();
    expect(await row(people.lou).innerText()).toContain(`${lostSerial} (lost)`);
    expect(await page.locator('tr[data-person-id]').count()).toBe(1);

    await page.setViewportSize(PHONE);
    await page.getByLabel('Name, employee id or badge serial').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await row(people.noah).waitFor();
    expect(await clippedTexts(page)).toEqual([]);
    await screenshot(page, 'people-directory-phone');
    expect(scriptErrors(browser.consoleLines)).toEqual([]);
    await page.close();
  });

  it("shows a person's limits and their reasons, badges, every quantity, history and readings", async () => {
    const page = await browser.openPage();
    await login(page);
    // Arriving from a link about the eye lens: the eye-lens history is the one shown.
    await page.goto(`${baseUrl}/people/${people.eva}?quantity=eyeLens`);
    await page.getByRole('heading', { level: 1, name: names.eva }).waitFor();
    const text = () => page.locator('main').innerText();

    const extremity = page.locator('section[data-quantity="extremity"]');
    expect(await extremity.innerText()).toContain('Not monitored: no badge worn measures it.');
    expect(await extremity.innerText()).not.toMatch(/(^|\s)0\.000 mSv/);
    const eye = page.getByRole('meter', { name: 'Eye lens: limit for the calendar year' });
    expect(await eye.getAttribute('aria-valuetext')).toBe('22 %, notice');
    await page.getByText('3.300 mSv of 15.000 mSv for the calendar year').waitFor();
    await page.getByText('2.200 mSv of 20.000 mSv for the calendar year').waitFor();

    const limits = page.locator('section[aria-labelledby="limits-title"]');
    await limits
      .getByText('Personal limit: Employer dose constraint for interventional cardiology')
      .waitFor();
    expect(await limits.innerText()).toContain('EU (Directive 2013/59/Euratom), adult');

    const badges = page.locator('section[aria-labelledby="person-badges-title"]');
    await badges.getByText('trunk (chest or waist)').waitFor();
    expect(await badges.innerText()).toMatch(/trunk \(chest or waist\)\s+no\s/);

    expect(await page.locator('#chart-quantity').inputValue()).toBe('eyeLens');
    const cumulative = page.getByRole('img', { name: /cumulative dose since/ });
    expect(await cumulative.getAttribute('aria-label')).toBe(
      `Eye lens, cumulative dose since January ${YEAR - 4}: 3.300 mSv against a 5-year limit of 100.000 mSv.`,
    );
    await page.locator('#chart-quantity').selectOption('effective');
    expect(page.url()).toBe(`${baseUrl}/people/${people.eva}?quantity=effective`);
    expect(await cumulative.getAttribute('aria-label')).toBe(
      `Effective dose, cumulative dose since January ${YEAR - 4}: 3.700 mSv against a 5-year limit of 100.000 mSv.`,
    );

    const adjustments = page.locator('section[aria-labelledby="adjustments-title"]');
    const prior = adjustments.locator('tr[data-kind="priorDose"]');
    expect(await prior.innerText()).toMatch(/Prior dose \(other employer\)[\s\S]*1\.500 mSv/);

    const readings = page.locator('section[aria-labelledby="readings-title"] tbody tr');
    expect(await readings.count()).toBe(20);
    expect(await readings.first().innerText()).toContain('reading 22');
    await page.getByRole('button', { name: 'Older' }).click();
    await page.getByText('Page 2', { exact: true }).waitFor();
    expect(await readings.count()).toBe(2);
    expect(await readings.last().innerText()).toContain('reading 1');
    expect(await page.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true);

    // The dose-rate alert's period in words and facility time, not `since:2026-…T…Z`.
    const rateSince = iso(start + 21 * HOUR)
      .slice(0, 16)
      .replace('T', ' ');
    await page.locator('li.alert', { hasText: `since ${rateSince}` }).waitFor();
    expect(await text()).not.toMatch(/T\d\d[ :]\d\d|[0-9a-f]{8}-[0-9a-f]{4}-|eyeLens|priorDose/);
    await screenshot(page, 'person-page');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await clippedTexts(page)).toEqual([]);
    await screenshot(page, 'person-page-phone');
    await page.close();
  });

  it('shows a declared pregnancy with its rule and the fetal limit', async () => {
    const page = await browser.openPage();
    await login(page);
    await page.goto(`${baseUrl}/people/${people.paula}`);
    await page.getByRole('heading', { level: 1, name: names.paula }).waitFor();
    const declaredOn = iso(Date.now() - 10 * DAY).slice(0, 10);
    await page
      .getByText(
        `Declared pregnant on ${declaredOn}. Directive 2013/59/Euratom Art. 10: the fetal dose counts from the declaration to the end of the pregnancy.`,
      )
      .waitFor();
    const limits = page.locator('section[aria-labelledby="limits-title"]');
    expect(await limits.innerText()).toMatch(
      /Fetal\s+1\.000 mSv for the declared pregnancy\s+Declared pregnancy/,
    );
    const fetal = page.locator('section[data-quantity="fetal"]');
    // Counted over the pregnancy only: no quarter or year figure, not even a dash.
    expect(await fetal.innerText()).toMatch(/This pregnancy\s+0\.000 mSv/);
    expect(await fetal.innerText()).not.toMatch(/This year|—/);
    expect(await page.getByRole('img', { name: /monthly dose/ }).getAttribute('aria-label')).toBe(
      'Effective dose, monthly dose: none in these months.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'person-pregnant');

    // A patient wearing a badge: found like anyone, their badge shown, no dose limit.
    await page.goto(`${baseUrl}/people/${people.pat}`);
    await page.getByRole('heading', { level: 1, name: names.pat }).waitFor();
    await page
      .getByText('No dose limit applies: a patient (dose limits do not apply to medical exposure).')
      .waitFor();
    expect(
      await page.locator('section[aria-labelledby="person-badges-title"]').innerText(),
    ).toContain(patSerial);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
