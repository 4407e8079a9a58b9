/**
 * The service's node flags (the garbage collector's settings, README "Performance") are
 * written twice, in package.json's start:prod and in the image's CMD: they must agree, and
 * this Node must accept them (a flag it does not know stops the service at start).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const root = new URL('../../', import.meta.url);

async function flagsOf(file: string, pattern: RegExp): Promise<string[]> {
  const text = await readFile(new URL(file, root), 'utf8');
  const flags = pattern.exec(text)?.[1];
  if (flags === undefined) throw new Error(`no "node [--flags] dist/src/main.js" in ${file}`);
  return flags.split(' ').filter(Boolean);
}

describe('the service node flags', () => {
  it('are the same in package.json start:prod and the Dockerfile, and Node accepts them', async () => {
    const npmFlags = await flagsOf(
      'package.json',
      /"start:prod": "node ((?:--\S+ )*)dist\/src\/main\.js"/,
    );
    const imageFlags = await flagsOf(
      'docker/Dockerfile',
      /exec node ((?:--\S+ )*)dist\/src\/main\.js/,
    );

    expect(imageFlags).toEqual(npmFlags);
    expect(npmFlags).toEqual(expect.arrayContaining(['--max-semi-space-size=64']));
    const { stdout } = await promisify(execFile)(process.execPath, [
      ...npmFlags,
      '-e',
      'process.stdout.write("started")',
    ]);
    expect(stdout).toBe('started');
  });
});
