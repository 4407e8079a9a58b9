/// <reference lib="dom" />
import { readFile, mkdtemp, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import playwright, { type BrowserContext, type Page } from 'playwright-core';

export const UI_PASSWORD = 'a-password-long-enough';
/** Where every UI test leaves its screenshots (kept by CI as test artefacts, ignored by git). */
export const UI_ARTIFACTS = path.resolve('test-artifacts/ui');
/** A phone's viewport (an iPhone 12–15's CSS width), for the "nothing cut off" checks. */
export const PHONE = { width: 390, height: 844 };

/** No sandbox as root, and no background traffic on a machine without internet. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface UiBrowser {
  context: BrowserContext;
  /** Every console message and page error of every page opened here. */
  consoleLines: string[];
  /** Every URL any page requested. */
  requestUrls: string[];
  openPage(width?: number, height?: number): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's chromium (playwright-core downloads no browser), with a fresh profile. */
export async function launchUiBrowser(): Promise<UiBrowser> {
  await mkdir(UI_ARTIFACTS, { recursive: true });
  const profile = await mkdtemp(path.join(tmpdir(), 'dose-ui-chromium-'));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const consoleLines: string[] = [];
  const requestUrls: string[] = [];
  return {
    context,
    consoleLines,
    requestUrls,
    async openPage(width = 1280, height = 900) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
      page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
      page.on('request', (request) => requestUrls.push(request.url()));
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Script errors and CSP violations (a refused 403/404 fetch is an expected answer, not one). */
export const scriptErrors = (consoleLines: string[]): string[] =>
  consoleLines.filter((line) => /^(error|pageerror)/.test(line) && !/status of 40[34]/.test(line));

export const screenshot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(UI_ARTIFACTS, `${name}.png`), fullPage: true });

/**
 * Logs in with the keyboard only: the username field has focus, Tab moves on, Enter submits.
 * The form is rendered by the app's script after load: wait until it holds the focus.
 */
export async function logIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('#username:focus').waitFor();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(UI_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: Promise<string> | undefined;

/**
 * axe-core's WCAG 2.1 A/AA rules and best practices on the page as it is now. The script is
 * evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
 * govern, so the policy stays on for the app while axe runs.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeRunner }).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

interface AxeRunner {
  run(
    context: Document,
    options: unknown,
  ): Promise<{
    violations: {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  }>;
}

/**
 * The elements whose text is cut off: content wider than the box that clips it, or a box that
 * reaches past the viewport's right edge (a phone must show every value without sideways
 * scrolling). Text for screen readers only (`.visually-hidden`) is not shown, so not counted.
 */
export function clippedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('main *'))) {
      if (!element.textContent?.trim() || element.children.length > 0) continue;
      // Text for screen readers only is clipped to a pixel on purpose.
      if (element.closest('.visually-hidden')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0) continue;
      const clipped = element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0;
      if (clipped || box.right > width + 1) found.push(element.textContent.trim().slice(0, 60));
    }
    return found;
  });
}
