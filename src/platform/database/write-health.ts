import fs from 'node:fs';
import { type Clock, isoTime } from '../clock.js';

/** Below this much free space in the data folder no write is expected to succeed for long. */
const MIN_FREE_BYTES = 1024 * 1024;
/**
 * How long a write that failed for want of space keeps readiness down when nothing succeeds since.
 * Bounded, so a node a load balancer took out is tried again once the operator made room, even
 * though no write can reach it to prove so.
 */
const FULL_FOR_MS = 30_000;

/**
 * Whether writes can succeed: the free space of the data folder (SQLite file, media, outbox), and
 * what the last writes said (a full disk on a PostgreSQL server shows only there). `/readyz` reads it.
 */
export class WriteHealth {
  #fullAt: Date | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly clock: Clock,
  ) {}

  /** A write failed because the disk (or the database's disk) is full. */
  writeFailedForSpace(): void {
    this.#fullAt = this.clock.now();
  }

  /** A write went through: there is room again. */
  writeSucceeded(): void {
    this.#fullAt = null;
  }

  /** 'ok', or a sentence for the readiness check saying why writes fail. */
  check(): string {
    const free = freeBytes(this.dataDir);
    if (free !== null && free < MIN_FREE_BYTES) {
      return `full: ${free} bytes free in the data folder ${this.dataDir}`;
    }
    if (this.#fullAt && this.clock.now().getTime() - this.#fullAt.getTime() < FULL_FOR_MS) {
      return `full: a write failed for want of space at ${isoTime(this.#fullAt)}`;
    }
    return 'ok';
  }
}

function freeBytes(dir: string): number | null {
  try {
    const stats = fs.statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    // A data folder not made yet (or gone) is for the database check and `doctor` to report.
    return null;
  }
}
