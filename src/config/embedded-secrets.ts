import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Secrets an embedded installation generates once and keeps under the data folder. */
export interface EmbeddedSecrets {
  jwtSecret: string;
  /** Never regenerated: a new patient secret would break every stored pseudonym. */
  patientIdSecret: string;
  postgresPassword: string;
}

const fresh = (): string => randomBytes(32).toString('base64url');

export async function loadOrCreateSecrets(dataDir: string): Promise<EmbeddedSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as EmbeddedSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets: EmbeddedSecrets = {
    jwtSecret: fresh(),
    patientIdSecret: fresh(),
    postgresPassword: fresh(),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}
