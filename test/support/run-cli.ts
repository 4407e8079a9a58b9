import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs a built command-line tool (`dist/src/...`) on a database, as an operator would. */
export function runCli(
  script: string,
  databaseUrl: string,
  args: string[] = [],
): Promise<{ code: number | null; output: string }> {
  const cli = fileURLToPath(new URL(`../../dist/src/${script}`, import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: databaseUrl,
        JWT_SECRET: 'x'.repeat(32),
        PATIENT_ID_SECRET: 'y'.repeat(32),
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}
