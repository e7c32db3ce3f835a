import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.js';

/** Where mail goes when no SMTP_URL is set. */
export function outboxDir(config: Config): string {
  return path.join(config.dataDir, 'outbox');
}

/**
 * `2026-11-16T09-00-00.000Z-account.verify-<job id>.eml`: sorts by the time the mail was queued
 * (read from the job's UUIDv7, so a retry overwrites the same file rather than adding a second),
 * says what it is for, and stays a valid file name everywhere (no colons).
 */
export function outboxFileName(jobId: string, purpose: string): string {
  const queuedAt = new Date(Number.parseInt(jobId.replace(/-/g, '').slice(0, 12), 16));
  const stamp = Number.isNaN(queuedAt.getTime()) ? 'undated' : queuedAt.toISOString().replace(/:/g, '-');
  return `${stamp}-${purpose}-${jobId}.eml`;
}

/**
 * Writes one message whole or not at all: into a hidden temporary file, flushed to disk, then
 * renamed over the final name (atomic on one file system). A crash leaves at most a stray
 * `.tmp` file, never half a message under a `.eml` name.
 */
export async function writeOutboxFile(dir: string, name: string, message: Buffer): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, name);
  const temporary = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await fs.open(temporary, 'wx');
    try {
      await file.writeFile(message);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return target;
}
