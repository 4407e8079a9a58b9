/**
 * The service's node flags (the garbage collector's settings, bench/README.md, "Node heap
 * flags") are written twice, in package.json's start:prod and in the image's CMD: they must
 * agree, and this Node must accept them (a flag it does not know stops the service at start).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { serviceNodeFlags } from '../../bench/service.js';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFile(new URL(file, root), 'utf8');

describe('the service node flags', () => {
  it('are the same in package.json start:prod and the Dockerfile, and Node accepts them', async () => {
    const { scripts } = JSON.parse(await read('package.json')) as {
      scripts: Record<string, string>;
    };
    const npmFlags = serviceNodeFlags(scripts['start:prod']);
    const cmd = (await read('docker/Dockerfile'))
      .split('\n')
      .find((line) => line.startsWith('CMD'));
    const imageFlags = serviceNodeFlags(cmd ?? '');

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
