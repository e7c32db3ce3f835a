import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Tmpfs {
  readonly dir: string;
  unmount(): void;
}

/**
 * Why a tiny file system cannot be made here (mounting a tmpfs needs root), or null when it can.
 * CI runs as root, so the tests that need it run there; elsewhere they skip saying what is missing.
 */
export function tmpfsMissing(): string | null {
  if (process.platform !== 'linux') return 'a Linux tmpfs (this is not Linux)';
  if (process.getuid?.() !== 0) return 'root, to mount a small tmpfs (run as root, as CI does)';
  return null;
}

/** A file system of `size` (such as '4m') of this test's own: the disk that fills up. */
export function mountTmpfs(size: string): Tmpfs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return {
    dir,
    unmount() {
      execFileSync('umount', ['-l', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
