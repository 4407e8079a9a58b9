import type { NextFunction, Request, Response } from 'express';
import { Histogram, type Registry } from 'prom-client';

/** The label of a request no route answered: a 404, or the web UI's files and pages. */
const UNMATCHED = 'unmatched';
const WEB_UI = 'web-ui';

/**
 * Express middleware timing each HTTP request into `dose_http_request_duration_seconds` by
 * method, route pattern (`/api/v1/people/:id`, never the raw URL: ids would make a series per
 * person) and status. Installed before every route, it reads the matched route when the
 * answer is finished.
 */
export function httpRequestTimer(registry: Registry) {
  const histogram = new Histogram({
    name: 'dose_http_request_duration_seconds',
    help: 'HTTP request durations by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = histogram.startTimer();
    res.once('finish', () =>
      stop({ method: req.method, route: routeOf(req, res), status: String(res.statusCode) }),
    );
    next();
  };
}

function routeOf(req: Request, res: Response): string {
  // Express types `req.route` as any: the layer that matched, with its path pattern.
  const matched = req.route as { path?: unknown } | undefined;
  const route = matched?.path;
  if (typeof route === 'string') return `${req.baseUrl}${route}`;
  return res.statusCode === 404 ? UNMATCHED : WEB_UI;
}
