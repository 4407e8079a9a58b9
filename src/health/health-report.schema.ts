import type { SchemaObject } from '@nestjs/swagger';

const CHECK: SchemaObject = { type: 'string', enum: ['up', 'down'] };

/** HealthReport (health.service.ts) in the API document. */
export const HEALTH_REPORT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'live', 'ready', 'stopping', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    live: { type: 'boolean', enum: [true] },
    ready: { type: 'boolean' },
    stopping: {
      type: 'boolean',
      description: 'Shutting down: not ready, whatever the checks say.',
    },
    checks: {
      type: 'object',
      required: ['database', 'broker'],
      properties: { database: CHECK, broker: CHECK },
    },
  },
};

/** The liveness answer. */
export const LIVE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['live'],
  properties: { live: { type: 'boolean', enum: [true] } },
};
