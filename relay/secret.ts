import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SECRET_FILE = 'relay-secret';
const SECRET_BYTES = 32;

/** Where the secret came from, for the startup log line. */
export type SecretSource = 'option' | 'data-dir' | 'generated-ephemeral' | 'cluster';

/**
 * The resume-token key: the configured one, else the one persisted in `dataDir` (created
 * there, mode 0600, on first start), else a fresh one that dies with the process.
 */
export async function loadSecret(
  secret: string | Buffer | undefined,
  dataDir: string | undefined,
): Promise<{ key: Buffer; source: SecretSource }> {
  if (secret !== undefined) return { key: Buffer.from(secret), source: 'option' };
  if (dataDir === undefined) return { key: randomBytes(SECRET_BYTES), source: 'generated-ephemeral' };
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, SECRET_FILE);
  const fresh = randomBytes(SECRET_BYTES).toString('base64url');
  try {
    // 'wx': two relays starting on one dataDir must agree on a single secret, so only the
    // first creates it and the other reads what the first wrote.
    await writeFile(file, fresh, { mode: 0o600, flag: 'wx' });
    return { key: Buffer.from(fresh), source: 'data-dir' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let stored = (await readFile(file, 'utf8')).trim();
  // Another relay may have created the file an instant ago and not written it yet.
  for (let attempt = 0; stored.length === 0 && attempt < 5; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    stored = (await readFile(file, 'utf8')).trim();
  }
  if (stored.length === 0) throw new Error(`the relay secret file ${file} is empty; delete it to generate a new one`);
  return { key: Buffer.from(stored), source: 'data-dir' };
}
