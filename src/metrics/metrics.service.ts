import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * prom-client's default gauges that carry the `_total` suffix, which Prometheus keeps for
 * counters (promtool check metrics: "non-counter metrics should not have _total suffix"). The
 * same counts stay, by type, in `dose_nodejs_active_handles`, `…_requests`, `…_resources`.
 */
const MISNAMED_DEFAULTS = [
  'active_handles_total',
  'active_requests_total',
  'active_resources_total',
];
const PREFIX = 'dose_';

/** One Prometheus registry per app instance; domains register their metrics on it. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    for (const name of MISNAMED_DEFAULTS)
      this.registry.removeSingleMetric(`${PREFIX}nodejs_${name}`);
  }
}
