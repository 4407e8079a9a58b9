import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The folder tree is the architecture (STYLE.md): each folder under src/ is a layer, and a
 * file may import only its own folder or a layer listed before its own. Lowest first. The
 * write path calls down it (ingest → readings → ledger); the readers of the ledger (alerts,
 * exposure, reports) sit above it, and news goes up by events (src/README.md).
 */
const LAYERS = [
  'common',
  'calendar',
  'config',
  'database',
  'metrics',
  'mqtt',
  'audit',
  'people',
  'limits',
  'ledger',
  'readings',
  'badges',
  'adjustments',
  'modalities',
  'patients',
  'ingest',
  'dicom',
  'exposure',
  'alerts',
  'notifications',
  'dashboard',
  'reports',
  'reconcile',
  'health',
  'auth',
  'web',
  'http',
  'simulator',
  'entry',
] as const;

const SRC = path.resolve(import.meta.dirname, '../src');

/** One relative import, both ends as paths under src/ with forward slashes. */
interface Edge {
  from: string;
  to: string;
}

/**
 * Files directly in src/, and the wiring files (modules, controllers, command-line entry
 * points), form the top layer: they assemble the folders and nothing imports them back.
 */
function layerOf(file: string): string {
  const parts = file.split('/');
  if (parts.length === 1 || /\.(module|controller|cli)\.ts$/.test(file)) return 'entry';
  return parts[0];
}

function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.length === 1 ? '' : parts[0];
}

/**
 * Each import that points neither to the importer's own folder or layer nor to a strictly
 * lower layer. Within the entry layer, wiring files import one another (modules import
 * modules) as they assemble the app.
 */
function violations(edges: readonly Edge[], layers: readonly string[] = LAYERS): string[] {
  const rank = new Map(layers.map((layer, index) => [layer, index]));
  const found: string[] = [];
  for (const { from, to } of edges) {
    const fromLayer = layerOf(from);
    const toLayer = layerOf(to);
    if (folderOf(from) === folderOf(to) || fromLayer === toLayer) continue;
    const fromRank = rank.get(fromLayer);
    const toRank = rank.get(toLayer);
    if (fromRank === undefined || toRank === undefined) {
      found.push(`${from} (${fromLayer}) imports ${to} (${toLayer}): a layer that is not listed`);
    } else if (toRank >= fromRank) {
      found.push(`${from} (${fromLayer}) imports ${to} (${toLayer}), which is not below it`);
    }
  }
  return found;
}

/** Every non-spec TypeScript file under src/, relative to it. */
function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .sort();
}

/**
 * Imports, `import type`, re-exports and dynamic `import()` alike, read by TypeScript's own
 * scanner (so comments and strings are not mistaken for imports). Only relative specifiers
 * are edges between our files; `./x.js` names the source `./x.ts`.
 */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('./') || specifier.startsWith('../'));
}

function resolve(from: string, specifier: string): string {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return joined.endsWith('.js') ? `${joined.slice(0, -3)}.ts` : joined;
}

describe('the dependency direction between folders', () => {
  const files = sourceFiles();
  const edges: Edge[] = files.flatMap((from) =>
    importsOf(from).map((specifier) => ({ from, to: resolve(from, specifier) })),
  );
  // Imports out of src/ (migrations/) are the data source's business, not a layer's.
  const internal = edges.filter((edge) => !edge.to.startsWith('../'));

  it('reads the imports of the whole source tree', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(internal.length).toBeGreaterThan(200);
    const unresolved = internal.filter((edge) => !existsSync(path.join(SRC, edge.to)));
    expect(unresolved).toEqual([]);
  });

  it('lists every folder under src/ as a layer', () => {
    const folders = [...new Set(files.map(folderOf).filter((folder) => folder !== ''))];
    expect(folders.filter((folder) => !(LAYERS as readonly string[]).includes(folder))).toEqual([]);
    expect(LAYERS.filter((layer) => layer !== 'entry' && !folders.includes(layer))).toEqual([]);
    expect(new Set(LAYERS).size).toBe(LAYERS.length);
  });

  it('has no import from a folder to one at its level or above', () => {
    expect(violations(internal)).toEqual([]);
  });
});

describe('one answer per question', () => {
  /**
   * The dose ledger's tables are read and written only through src/ledger (src/README.md,
   * Architecture): a statement on them anywhere else would be a second answer to "what is
   * P's dose over period X". Comment lines may name them.
   */
  it('names the ledger tables in code only inside src/ledger', () => {
    const ledgerTable =
      /\b(daily_dose|dose_month_total|dose_year_total|dose_month_close|dose_year_close)\b/;
    const outside = sourceFiles()
      .filter((file) => !file.startsWith('ledger/'))
      .flatMap((file) =>
        readFileSync(path.join(SRC, file), 'utf8')
          .split('\n')
          .map((line, index) => ({ file, line: index + 1, text: line.trim() }))
          .filter(({ text }) => !/^(\*|\/\/|\/\*)/.test(text) && ledgerTable.test(text)),
      )
      .map(({ file, line, text }) => `${file}:${line}: ${text}`);
    expect(outside).toEqual([]);
  });
});

describe('the layer checker', () => {
  const layers = ['low', 'mid', 'high', 'entry'];

  it('accepts imports downward, within a folder, and from the wiring files', () => {
    expect(
      violations(
        [
          { from: 'high/a.ts', to: 'low/b.ts' },
          { from: 'mid/a.ts', to: 'mid/sub/b.ts' },
          { from: 'high/d.ts', to: 'high/high.module.ts' },
          { from: 'mid/mid.module.ts', to: 'high/c.ts' },
          { from: 'main.ts', to: 'mid/mid.module.ts' },
          { from: 'high/high.module.ts', to: 'mid/mid.module.ts' },
        ],
        layers,
      ),
    ).toEqual([]);
  });

  it('names both files and both layers of an upward or sideways import', () => {
    expect(
      violations(
        [
          { from: 'low/a.ts', to: 'high/b.ts' },
          { from: 'mid/c.ts', to: 'high/high.controller.ts' },
          { from: 'mid/e.ts', to: 'main.ts' },
          { from: 'other/f.ts', to: 'low/g.ts' },
        ],
        layers,
      ),
    ).toEqual([
      'low/a.ts (low) imports high/b.ts (high), which is not below it',
      'mid/c.ts (mid) imports high/high.controller.ts (entry), which is not below it',
      'mid/e.ts (mid) imports main.ts (entry), which is not below it',
      'other/f.ts (other) imports low/g.ts (low): a layer that is not listed',
    ]);
  });

  it('maps a file to its top folder, and wiring files to the entry layer', () => {
    expect(layerOf('alerts/rules/dose-rate.ts')).toBe('alerts');
    expect(layerOf('app.module.ts')).toBe('entry');
    expect(layerOf('readings/readings.controller.ts')).toBe('entry');
    expect(layerOf('readings/recompute-totals.cli.ts')).toBe('entry');
  });

  it('resolves relative specifiers, type-only and dynamic imports included', () => {
    const scanned = ts
      .preProcessFile(
        [
          "import type { A } from '../people/a.js';",
          "export { B } from './b.js';",
          "const c = await import('../../c.js');",
          "// import { D } from './d.js';",
        ].join('\n'),
        true,
        true,
      )
      .importedFiles.map((imported) => resolve('alerts/rules/x.ts', imported.fileName));
    expect(scanned).toEqual(['alerts/people/a.ts', 'alerts/rules/b.ts', 'c.ts']);
    expect(resolve('ingest/x.ts', '../readings/y.js')).toBe('readings/y.ts');
  });
});
