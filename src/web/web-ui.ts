import { Logger, NotFoundException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A path naming a file (`/favicon.ico`, `/assets/x.js`): a missing one is a 404, not the UI. */
const FILE_LIKE = /\/[^/]*\.[^/]*$/;
/** Vite puts a content hash in every asset name, so those may be cached for good. */
const ASSET = /\/assets\//;
/**
 * The UI's pages (DESIGN.md §8), each a real URL: only these get `index.html` when no file
 * matches. Any other path is a 404 in JSON, so a probe or scraper pointed at a path the service
 * does not have (`/healthz`, `/readyz`, `/health/ready`) fails instead of passing on the UI.
 */
const UI_PAGE = /^\/(?:alerts|people(?:\/[^/]+)?|badges|reports|patients|me|admin\/users)?\/?$/;

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

/** What Nest answers itself: never the web UI's, never its 404. */
export interface ApiPaths {
  /** Path prefixes whose whole subtree is the API's (`api/v1`, `api/docs` with `docs-json`). */
  prefixes: readonly string[];
  /** Single routes outside them (`health`, `metrics`): only these exact paths. */
  routes: readonly string[];
}

/**
 * Serves the web UI at `/` with plain Express static middleware (@nestjs/serve-static does not
 * load under Jest's ESM runtime), plus the single-page fallback: a GET of a UI page (UI_PAGE)
 * that names no file gets `index.html`, so `/people/<id>` can be reloaded or typed in. Every
 * other path outside the API answers 404 in JSON here: Nest mounts its own 404 under the global
 * prefix only, and Express's default one is an HTML page.
 */
export function serveWebUi(app: NestExpressApplication, api: ApiPaths): void {
  const prefixes = api.prefixes.map(escapeRegExp).join('|');
  const routes = api.routes.map(escapeRegExp).join('|');
  const apis = new RegExp(`^/(?:(?:${prefixes})(?:[/-]|$)|(?:${routes})/?$)`);
  const dir = webUiDirectory();
  if (!dir)
    new Logger('WebUi').warn('dist/web is missing (npm run build makes it): no web UI at /');
  const files = dir
    ? express.static(dir, {
        index: 'index.html',
        setHeaders: (res: Response, path: string) =>
          res.setHeader(
            'Cache-Control',
            ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
          ),
      })
    : undefined;
  const notFound = (req: Request, next: NextFunction) =>
    next(new NotFoundException(`Cannot ${req.method} ${req.path}`));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (apis.test(req.path)) return next();
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !files) return notFound(req, next);
    // Only paths outside the API look for a file: an API request never waits for a stat.
    files(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (FILE_LIKE.test(req.path) || !UI_PAGE.test(req.path)) return notFound(req, next);
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(`${dir}index.html`);
    });
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
