/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { AlertEvaluator } from '../../src/alerts/alert-evaluator.service.js';
import { fluoroEvent, publishEvents, registerModality } from '../support/exposure-events.js';
import { eventually } from '../support/mqtt-publisher.js';
import { iso, messages, unique } from '../support/rso-session.js';
import { axeViolations, clippedTexts, logIn, PHONE, screenshot } from '../support/ui-browser.js';
import { startUiService, type UiService } from '../support/ui-service.js';
import { createWorker, publishReadings, wearBadge } from '../support/wearing.js';

const HOUR = 3_600_000;

interface ApiAlert {
  id: string;
  kind: string;
  level: string;
  state: string;
  personId: string | null;
  badgeSerial?: string;
  quantity?: string;
  period?: string;
}

/**
 * The RSO's alert inbox (issue 32 item 1) on a service of its own. EU adults (20 mSv a year,
 * 2013/59/Euratom Art. 9(2)): Ada's trunk badge reads 21 000 µSv (21 mSv, 105 %: critical),
 * Ben's 16 500 µSv (82.5 %: high); Cleo's badge reports 612.5 µSv/h (at or above the 500 µSv/h
 * alert rate: high); a patient's fluoroscopy gives 3 525 mGy reference air kerma (3.525 Gy: a
 * notice at 3 Gy, shown against the threshold it reached: 117.5 % of 3 Gy) and 235 Gy·cm²
 * (117.5 % of 200 Gy·cm²; the patient thresholds' seed data cites both levels).
 */
describe('alerts inbox', () => {
  let world: UiService;
  const people: Record<'ada' | 'ben' | 'cleo', string> = { ada: '', ben: '', cleo: '' };
  const names = { ada: unique('Ada Critical'), ben: unique('Ben High'), cleo: unique('Cleo Rate') };
  let cleoSerial: string;

  const unresolved = async (filter = ''): Promise<ApiAlert[]> => {
    const { rso } = world.session;
    const lists = await Promise.all(
      ['open', 'acknowledged'].map(
        async (state) =>
          (await rso.get(`/api/v1/alerts?state=${state}${filter}`)).body as ApiAlert[],
      ),
    );
    return lists.flat();
  };
  const items = (page: Page) => page.locator('main li.alert');
  const inbox = async (): Promise<Page> => {
    const page = await world.browser.openPage();
    await logIn(page, world.baseUrl, world.session.rsoName);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Alerts' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    await items(page).first().waitFor();
    return page;
  };

  beforeAll(async () => {
    world = await startUiService('alerts_inbox_ui');
    const { rso, service } = world.session;
    const start = Date.now() - 2 * HOUR;
    for (const [who, hp10] of [
      ['ada', 21_000],
      ['ben', 16_500],
    ] as const) {
      people[who] = await createWorker(rso, { name: names[who] });
      const serial = await wearBadge(rso, people[who], 'trunk', iso(start - HOUR));
      await publishReadings(service, world.device, serial, [
        { seq: 1, measuredAt: iso(start), hp10 },
      ]);
    }
    // Ben's dose-limit alert is raised before Cleo's dose-rate one (the order the inbox shows
    // within a level): the dose-limit rules run after the commit, the rate's with it.
    await service.app.get(AlertEvaluator).idle();
    await eventually(async () =>
      (await unresolved()).some((a) => a.kind === 'doseLimit' && a.level === 'high')
        ? true
        : undefined,
    );
    people.cleo = await createWorker(rso, { name: names.cleo });
    cleoSerial = await wearBadge(rso, people.cleo, 'trunk', iso(start - HOUR));
    await publishReadings(service, world.device, cleoSerial, [
      { seq: 1, measuredAt: iso(start + HOUR), hp10: 100, doseRate: 612.5 },
    ]);
    await registerModality(rso, 'XA-INBOX', 'fluoroscopy');
    await publishEvents(
      service,
      world.device,
      'XA-INBOX',
      [fluoroEvent(unique('1.2.840.77'), unique('MRN-INBOX'), 2, 3525, 235)],
      1,
    );
    await service.app.get(AlertEvaluator).idle();
    await eventually(async () => {
      const kinds = (await unresolved()).map((a) => `${a.kind}:${a.level}`);
      return ['doseLimit:critical', 'doseLimit:high', 'doseRate:high', 'patientSkin:notice'].every(
        (k) => kinds.includes(k),
      )
        ? true
        : undefined;
    });
  });

  afterAll(() => world?.close());

  it('filters by level and badge in the API, and acknowledges in bulk with a result per alert', async () => {
    const { rso, technician, sql } = world.session;
    const bad = await rso.get('/api/v1/alerts?level=urgent');
    expect([bad.status, messages(bad)]).toEqual([
      400,
      expect.stringContaining('level must be one of'),
    ]);
    const high = (await rso.get('/api/v1/alerts?level=high')).body as ApiAlert[];
    expect(high.length).toBeGreaterThanOrEqual(2);
    expect(high.every((a) => a.level === 'high')).toBe(true);
    const byBadge = (await rso.get(`/api/v1/alerts?badgeSerial=${cleoSerial}`)).body as ApiAlert[];
    expect(byBadge.map((a) => [a.kind, a.badgeSerial])).toEqual([['doseRate', cleoSerial]]);

    for (const body of [
      { ids: [], note: 'x' },
      { ids: ['not-a-uuid'], note: 'x' },
      { ids: [crypto.randomUUID()], note: '' },
    ])
      expect((await rso.post('/api/v1/alerts/acknowledge', body)).status).toBe(400);

    // Ada's 5-year notice: acknowledged by the technician? No: not theirs, 404 as if unknown.
    const [ada5years] = await unresolved(`&personId=${people.ada}&kind=doseLimit&level=notice`);
    const refused = await technician.post('/api/v1/alerts/acknowledge', {
      ids: [ada5years.id],
      note: 'not mine',
    });
    expect(refused.body).toEqual([
      { id: ada5years.id, outcome: 'notFound', message: `Alert ${ada5years.id} not found` },
    ]);

    const unknown = crypto.randomUUID();
    const first = await rso.post('/api/v1/alerts/acknowledge', {
      ids: [ada5years.id],
      note: 'Five-year sum noted.',
    });
    expect(first.status).toBe(200);
    const again = await rso.post('/api/v1/alerts/acknowledge', {
      ids: [ada5years.id, unknown],
      note: 'Second try.',
    });
    const results = again.body as { id: string; outcome: string; alert?: ApiAlert }[];
    expect(results.map((r) => [r.id, r.outcome, r.alert?.state])).toEqual([
      [ada5years.id, 'notOpen', 'acknowledged'],
      [unknown, 'notFound', undefined],
    ]);
    // The note of the first acknowledgement stays; one audit entry, for the one that changed.
    const stored = (await rso.get(`/api/v1/alerts/${ada5years.id}`)).body;
    expect(stored.acknowledgeNote).toBe('Five-year sum noted.');
    const audit = await sql(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'alert.acknowledge' AND entity_id = $1`,
      [ada5years.id],
    );
    expect(audit[0].n).toBe(1);
  });

  it('lists the most severe first, each alert in plain words with its value, limit and unit', async () => {
    const page = await inbox();
    const levels = await items(page).evaluateAll((list) =>
      list.map((li) => /level-(\w+)/.exec(li.className)?.[1] ?? ''),
    );
    const rank = ['notice', 'warning', 'high', 'critical'];
    expect(levels.length).toBe((await unresolved()).length);
    expect(levels.map((l) => rank.indexOf(l))).toEqual(
      [...levels.map((l) => rank.indexOf(l))].sort((a, b) => b - a),
    );
    // The only critical alert first; of the two high ones, Ben's (raised first) before Cleo's.
    const first = items(page).first();
    expect(await first.textContent()).toContain('21.000 mSv — 105 % of the 20.000 mSv limit');
    expect(await first.textContent()).toContain(names.ada);
    expect(await items(page).nth(1).textContent()).toContain(
      '16.500 mSv — 82.5 % of the 20.000 mSv limit',
    );
    const rate = items(page).filter({ hasText: 'High dose rate' });
    expect(await rate.locator('.alert-figures').textContent()).toBe(
      'Dose rate 612.5 µSv/h, at or above the alert rate of 500 µSv/h',
    );
    expect(await rate.textContent()).toContain(`badge ${cleoSerial}`);
    const kerma = items(page).filter({ hasText: 'reference air kerma' });
    expect(await kerma.locator('.alert-figures').textContent()).toBe(
      '3.525 Gy — 117.5 % of the 3 Gy reference level',
    );
    const dap = items(page).filter({ hasText: 'dose-area product' });
    expect(await dap.locator('.alert-figures').textContent()).toBe(
      '235 Gy·cm² — 117.5 % of the 200 Gy·cm² reference level',
    );
    // The acknowledged one says who and their note.
    expect(await items(page).filter({ hasText: 'Five-year sum noted.' }).textContent()).toContain(
      `Acknowledged by ${world.session.rsoName}`,
    );
    // None of the reviewer's garbling: raw ISO times, ids, field names, run-together figures.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    expect(text).not.toMatch(/referenceAirKerma|\bdap\b|doseLimit|since:|year:/);
    expect(text).not.toMatch(/%\)\d/);
    await screenshot(page, 'alerts-inbox');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('filters by level, kind, person and badge', async () => {
    const page = await inbox();
    const shownIds = () =>
      items(page).evaluateAll((list) => list.map((li) => li.getAttribute('data-alert-id')).sort());
    const expectShown = async (filter: string) => {
      const want = (await unresolved(filter)).map((a) => a.id).sort();
      await eventually(async () =>
        JSON.stringify(await shownIds()) === JSON.stringify(want) ? true : undefined,
      );
      return want;
    };
    await page.getByLabel('Level', { exact: true }).selectOption('high');
    expect((await expectShown('&level=high')).length).toBe(2);
    await page.getByLabel('Level', { exact: true }).selectOption('');
    await page.getByLabel('Kind', { exact: true }).selectOption('doseRate');
    expect(await expectShown('&kind=doseRate')).toHaveLength(1);
    await page.getByLabel('Kind', { exact: true }).selectOption('');
    await page.getByLabel('Badge', { exact: true }).selectOption(cleoSerial);
    expect(await expectShown(`&badgeSerial=${cleoSerial}`)).toHaveLength(1);
    await page.getByLabel('Badge', { exact: true }).selectOption('');
    await page.getByLabel('Person', { exact: true }).selectOption(people.ben);
    const bens = await expectShown(`&personId=${people.ben}`);
    expect(bens.length).toBeGreaterThanOrEqual(2);
    expect(await items(page).filter({ hasNotText: names.ben }).count()).toBe(0);
    await screenshot(page, 'alerts-inbox-filtered');
    await page.close();
  });

  it('acknowledges all of one person’s open alerts with one note, then keeps a resolved history', async () => {
    const page = await inbox();
    await page.getByLabel('Person', { exact: true }).selectOption(people.ben);
    await page.getByLabel('State', { exact: true }).selectOption('open');
    const open = await unresolved(`&personId=${people.ben}`);
    await eventually(async () => ((await items(page).count()) === open.length ? true : undefined));
    await page.getByLabel(/Select all \d+ open/).check();
    await page.getByLabel('Note for the selected alerts').fill('Reviewed with Ben; work moved.');
    await page.getByRole('button', { name: `Acknowledge ${open.length} selected` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${open.length} acknowledged.` })
      .waitFor();
    const stored = await Promise.all(
      open.map(
        async (a) =>
          (await world.session.rso.get(`/api/v1/alerts/${a.id}`)).body as {
            state: string;
            acknowledgeNote: string | null;
          },
      ),
    );
    expect(stored.map((a) => [a.state, a.acknowledgeNote])).toEqual(
      open.map(() => ['acknowledged', 'Reviewed with Ben; work moved.']),
    );
    await page.getByLabel('State', { exact: true }).selectOption('acknowledged');
    await eventually(async () => ((await items(page).count()) === open.length ? true : undefined));
    expect(await items(page).first().textContent()).toContain(
      `Acknowledged by ${world.session.rsoName}`,
    );
    expect(await items(page).first().textContent()).toContain('“Reviewed with Ben; work moved.”');

    // Resolve Cleo's dose-rate alert; it leaves the inbox for the resolved history.
    await page.getByLabel('Person', { exact: true }).selectOption('');
    await page.getByLabel('State', { exact: true }).selectOption('unresolved');
    const rate = items(page).filter({ hasText: 'High dose rate' });
    await rate.getByRole('button', { name: 'Resolve' }).click();
    await rate.getByLabel('Resolution note').fill('Source shielded, rate back to normal.');
    await rate.getByRole('button', { name: 'Resolve alert' }).click();
    await rate.waitFor({ state: 'detached' });
    await page.getByLabel('State', { exact: true }).selectOption('resolved');
    const history = items(page).filter({ hasText: 'High dose rate' });
    await history.waitFor();
    expect(await history.textContent()).toContain(`Resolved by ${world.session.rsoName}`);
    expect(await history.textContent()).toContain('“Source shielded, rate back to normal.”');
    expect(await history.getByRole('button').count()).toBe(0);
    await screenshot(page, 'alerts-inbox-history');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows the overview’s alerts box first on a phone, linking to the inbox, nothing cut off', async () => {
    const page = await world.browser.openPage(PHONE.width, PHONE.height);
    await logIn(page, world.baseUrl, world.session.rsoName);
    const box = page.locator('section[aria-labelledby="alerts-title"]');
    await box.getByRole('heading', { name: 'Alerts needing attention' }).waitFor();
    await box.locator('li.alert').first().waitFor();
    await page.locator('.ranking li').first().waitFor();
    const top = async (selector: string) =>
      (await page.locator(selector).first().boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    // Within the first screen, above the ranking.
    expect(await top('section[aria-labelledby="alerts-title"]')).toBeLessThan(PHONE.height);
    expect(await top('section[aria-labelledby="alerts-title"]')).toBeLessThan(
      await top('.ranking'),
    );
    expect(await box.locator('li.alert').count()).toBeLessThanOrEqual(5);
    expect(await box.locator('li.alert').first().textContent()).toContain(
      '21.000 mSv — 105 % of the 20.000 mSv limit',
    );
    expect(await clippedTexts(page)).toEqual([]);
    await screenshot(page, 'overview-phone');
    expect(await axeViolations(page)).toEqual([]);
    const count = (await unresolved()).length;
    await box.getByRole('link', { name: `All ${count} unresolved alerts in the inbox` }).click();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    await items(page).first().waitFor();
    expect(await clippedTexts(page)).toEqual([]);
    await screenshot(page, 'alerts-inbox-phone');
    await page.close();
  });
});
