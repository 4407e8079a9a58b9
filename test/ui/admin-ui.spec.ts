/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { Http } from '../support/http.js';
import { messages, unique } from '../support/rso-session.js';
import {
  axeViolations,
  clippedTexts,
  logIn,
  PHONE,
  screenshot,
  UI_PASSWORD,
} from '../support/ui-browser.js';
import { startUiService, type UiService } from '../support/ui-service.js';

/**
 * The admin's Logins page (issue 32 item 7) on the users API of the security issue: list,
 * create, disable and enable, reset a password. On a database of its own: the shared `admin`
 * login is never touched; the test's own admin logs in to the UI.
 */
describe('admin logins page', () => {
  let world: UiService;
  const adminName = unique('ui-admin');

  let open: Page | undefined;
  /**
   * One tab, logged in once: logins are rate-limited per address (10 a minute), and this spec
   * also logs in through the API to prove what the page changed. Reloaded for each test.
   */
  const loginsPage = async (): Promise<Page> => {
    if (open) await open.goto(`${world.baseUrl}/admin/users`);
    else {
      open = await world.browser.openPage();
      await logIn(open, world.baseUrl, adminName);
    }
    await open.getByRole('heading', { level: 1, name: 'Logins' }).waitFor();
    await open.locator(`tr[data-username="${adminName}"]`).waitFor();
    return open;
  };
  const loginStatus = async (username: string, password: string): Promise<number> =>
    (await new Http(world.baseUrl).post('/api/v1/auth/login', { username, password })).status;

  beforeAll(async () => {
    world = await startUiService('admin_ui');
    const created = await world.session.admin.post('/api/v1/users', {
      username: adminName,
      password: UI_PASSWORD,
      role: 'admin',
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await open?.close();
    await world?.close();
  });

  it('lists the logins with their roles, and creates one', async () => {
    const page = await loginsPage();
    const row = page.locator(`tr[data-username="${world.session.rsoName}"]`);
    expect(await row.locator('td').first().textContent()).toBe('rso');
    const username = unique('new-rso');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill('another-password-long-enough');
    await page.getByLabel('Role').selectOption('rso');
    await page.getByRole('button', { name: 'Create login' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Login ${username} created.` })
      .waitFor();
    const created = page.locator(`tr[data-username="${username}"]`);
    expect(await created.locator('td').allTextContents()).toEqual([
      'rso',
      'enabled',
      expect.stringContaining('Disable'),
    ]);
    expect(await loginStatus(username, 'another-password-long-enough')).toBe(200);
    // A refused creation says why: a technician's login needs its person.
    await page.getByLabel('Username').fill(unique('tech'));
    await page.getByLabel('Password', { exact: true }).fill('another-password-long-enough');
    await page.getByLabel('Role').selectOption('technician');
    await page.getByRole('button', { name: 'Create login' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'personId is required for a technician' })
      .waitFor();
    const refused = await world.session.admin.post('/api/v1/users', {
      username: unique('tech'),
      password: 'another-password-long-enough',
      role: 'technician',
    });
    expect([refused.status, messages(refused)]).toEqual([
      400,
      expect.stringContaining('personId is required for a technician'),
    ]);
    await screenshot(page, 'admin-logins');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('disables and enables a login, and resets its password', async () => {
    const username = unique('ops');
    const first = 'first-password-long-enough';
    expect(
      (
        await world.session.admin.post('/api/v1/users', {
          username,
          password: first,
          role: 'rso',
        })
      ).status,
    ).toBe(201);
    const page = await loginsPage();
    const row = page.locator(`tr[data-username="${username}"]`);
    await row.getByRole('button', { name: `Disable ${username}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${username} disabled.` })
      .waitFor();
    await row
      .locator('td')
      .nth(1)
      .filter({ hasText: /^disabled \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/ })
      .waitFor();
    // Refused as disabled (403), not as a wrong password (401).
    expect(await loginStatus(username, first)).toBe(403);
    await row.getByRole('button', { name: `Enable ${username}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${username} enabled.` })
      .waitFor();
    await row
      .locator('td')
      .nth(1)
      .filter({ hasText: /^enabled$/ })
      .waitFor();

    await row.getByRole('button', { name: `Reset password of ${username}` }).click();
    await row.getByLabel(`New password for ${username}`).fill('second-password-long-enough');
    await row.getByRole('button', { name: 'Set password' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Password of ${username} reset; their sessions have ended.` })
      .waitFor();
    expect(await loginStatus(username, 'second-password-long-enough')).toBe(200);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('fits a phone: no value cut off', async () => {
    const page = await loginsPage();
    await page.setViewportSize(PHONE);
    expect(await clippedTexts(page)).toEqual([]);
    await screenshot(page, 'admin-logins-phone');
  });
});
