import fs from 'node:fs';
import path from 'node:path';

/**
 * Makes sure the data folder exists and can be written, by writing and removing a probe file.
 * Returns a sentence for the operator, or null when all is well.
 */
export function checkDataFolder(dataDir: string): string | null {
  try {
    makeFolder(dataDir);
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return (
      `The data folder ${dataDir} cannot be written (${code}). ` +
      'Set MASTHEAD_DATA to a folder this user can write, or fix the folder’s permissions.'
    );
  }
}

/** Free space on the disk that holds the folder, in bytes. */
export function freeBytes(dataDir: string): number {
  const stats = fs.statfsSync(dataDir);
  return stats.bavail * stats.bsize;
}

/**
 * mkdir -p without Node's recursive mode, which can spin forever on pseudo file systems such as
 * /proc (it takes ENOENT there for a missing parent and retries). Each level is created once.
 */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!fs.existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) fs.mkdirSync(folder);
}
