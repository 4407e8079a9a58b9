import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A path naming a file (`/favicon.ico`, `/assets/x.js`): a missing one is a 404, not the UI. */
const FILE_LIKE = /\/[^/]*\.[^/]*$/;
/** Vite puts a content hash in every asset name, so those may be cached for good. */
const ASSET = /\/assets\//;

/**
 * The built web UI: Vite writes it to `dist/web`, beside `dist/src` where this file runs
 * compiled; when the TypeScript sources run (the tests), under the repository root instead.
 * Never `web/` itself: those are the sources.
 */
function webUiDirectory(): string | undefined {
  const built = import.meta.url.endsWith('.js') ? '../../web/' : '../../dist/web/';
  const dir = fileURLToPath(new URL(built, import.meta.url));
  return existsSync(`${dir}index.html`) ? dir : undefined;
}

/**
 * Serves the web UI at `/` with plain Express static middleware (@nestjs/serve-static does not
 * load under Jest's ESM runtime), for UI paths only, plus the single-page fallback: any other
 * GET that is not the API's and names no file gets `index.html`, so `/people/<id>` can be
 * reloaded or typed in.
 */
export function serveWebUi(app: NestExpressApplication, apiPaths: readonly string[]): void {
  // The paths the API owns, and everything below them: never answered with the web UI.
  const notUi = new RegExp(`^/(${apiPaths.map(escapeRegExp).join('|')})(/|$)`);
  const dir = webUiDirectory();
  if (!dir) {
    new Logger('WebUi').warn('dist/web is missing (npm run build makes it): no web UI at /');
    return;
  }
  const files = express.static(dir, {
    index: 'index.html',
    setHeaders: (res: Response, path: string) =>
      res.setHeader(
        'Cache-Control',
        ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || notUi.test(req.path)) return next();
    // Only UI paths look for a file: an API request never waits for a stat of the disk.
    files(req, res, (error?: unknown) => {
      if (error || FILE_LIKE.test(req.path)) return next(error);
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(`${dir}index.html`);
    });
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
