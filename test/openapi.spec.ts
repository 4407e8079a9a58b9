import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { freePort } from '../src/common/free-port.js';
import { ServiceProcess } from './support/service-process.js';
import { TEST_ADMIN } from './support/test-app.js';
import { testDatabaseUrl, testMqttProtocol, testMqttUrl } from './support/test-env.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);

afterAll(() => ServiceProcess.killAll());

/**
 * The OpenAPI document of the built service (`dist/`, as `nest build` made it with the
 * @nestjs/swagger plugin reading the DTOs), checked by the tools a client team would use.
 */
describe('OpenAPI document', () => {
  let dir: string;
  let documentPath: string;
  let document: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openapi-'));
    const port = await freePort();
    const service = ServiceProcess.start({
      DATABASE_URL: testDatabaseUrl(),
      MQTT_URL: testMqttUrl(),
      MQTT_PROTOCOL_VERSION: String(testMqttProtocol()),
      MQTT_CLIENT_ID: `openapi-${port}`,
      MQTT_TOPIC_PREFIX: `openapi-${port}/dose/v1`,
      PORT: String(port),
      HOST: '127.0.0.1',
      API_DOCS: 'true',
      ADMIN_PASSWORD: TEST_ADMIN.password,
      JWT_SECRET: 'openapi-test-jwt-secret-of-32-chars-or-more',
      PATIENT_ID_SECRET: 'openapi-test-patient-secret-of-32-chars',
    });
    await service.waitFor(/Ready: /);
    const text = await (await fetch(`http://127.0.0.1:${port}/api/docs-json`)).text();
    await service.stop('SIGTERM');
    document = JSON.parse(text) as typeof document;
    documentPath = join(dir, 'openapi.json');
    await writeFile(documentPath, text);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('passes redocly lint with the recommended rules', async () => {
    const lint = await run(
      bin('redocly'),
      ['lint', '--extends', 'recommended', '--format', 'stylish', documentPath],
      { cwd: dir },
    ).catch((error: { stdout: string; stderr: string }) => error);
    expect(lint.stdout + lint.stderr).toMatch(/Your API description is valid/);
  });

  it('generates openapi-typescript types that the README quick tour type-checks against', async () => {
    await run(bin('openapi-typescript'), [documentPath, '--output', join(dir, 'api.d.ts')]);
    await copyFile(join(ROOT, 'test/openapi/quick-tour.client.ts.txt'), join(dir, 'tour.ts'));
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2023',
          lib: ['es2023', 'dom'],
          types: [],
        },
        files: ['tour.ts'],
      }),
    );
    const check = await run(bin('tsc'), ['-p', join(dir, 'tsconfig.json')]).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(check.stdout + check.stderr).toBe('');
  });

  it('describes every route with a summary, its parameters and its answers', () => {
    for (const [path, item] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(item)) {
        const route = `${method.toUpperCase()} ${path}`;
        expect([route, operation.summary]).toEqual([route, expect.stringMatching(/\S/)]);
        const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        const described = (operation.parameters ?? []).filter((p) => p.in === 'path');
        expect([route, described.map((p) => p.name).sort()]).toEqual([route, inPath.sort()]);
        const errors = Object.keys(operation.responses).filter((status) => status >= '400');
        if (operation.security?.length)
          expect([route, errors]).toEqual([route, expect.arrayContaining(['401'])]);
        if (operation.requestBody)
          expect([route, errors]).toEqual([route, expect.arrayContaining(['400', '413'])]);
      }
  });

  it('keeps a field whose bound the swagger plugin cannot evaluate (the adjustment dose)', () => {
    const schemas = (document as unknown as { components: { schemas: Record<string, Schema> } })
      .components.schemas;
    expect(Object.keys(schemas.CreateAdjustmentDto.properties ?? {}).sort()).toEqual([
      'date',
      'doseMSv',
      'quantity',
      'reason',
    ]);
  });

  it('marks only the login and the probes public', () => {
    const open = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => operation.security?.length === 0)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(open.sort()).toEqual(['GET /health', 'GET /health/live', 'POST /api/v1/auth/login']);
  });

  it('gives every JSON answer a schema with its fields', () => {
    const bare = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        Object.values(operation.responses)
          .map((answer) => answer.content?.['application/json']?.schema)
          .filter((schema) => schema?.type === 'object' && !schema.properties && !schema.$ref)
          .map(() => `${method.toUpperCase()} ${path}`),
      ),
    );
    expect(bare).toEqual([]);
  });
});

interface Schema {
  type?: string;
  properties?: Record<string, unknown>;
  $ref?: string;
}

interface Operation {
  summary?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
