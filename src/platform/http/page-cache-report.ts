import fs from 'node:fs';
import path from 'node:path';
import type { PageCache, PageCacheStats } from './page-cache.js';

/**
 * Each web process's page cache figures, written to the data folder every half minute so `masthead doctor`
 * (another process) can show them: one file per process, since each has its own cache.
 */
const FOLDER = 'page-cache';
const EVERY_MS = 30_000;
/** A report older than this is from a process that has stopped: doctor leaves it out. */
const FRESH_MS = 2 * EVERY_MS + 5_000;

export interface PageCacheReport {
  readonly pid: number;
  readonly at: string;
  readonly stats: PageCacheStats;
}

/** Starts writing this process's report; the returned function stops and removes it. */
export function reportPageCache(cache: PageCache, dataDir: string): () => void {
  const folder = path.join(dataDir, FOLDER);
  const file = path.join(folder, `${process.pid}.json`);
  const write = () => {
    const report: PageCacheReport = { pid: process.pid, at: new Date().toISOString(), stats: cache.stats() };
    try {
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(report));
    } catch {
      // A figure for doctor is not worth failing a request or a process over (the folder's checks are doctor's).
    }
  };
  write();
  const timer = setInterval(write, EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    fs.rmSync(file, { force: true });
  };
}

/** The reports of processes that wrote lately, oldest process first. */
export function readPageCacheReports(dataDir: string, now: Date): PageCacheReport[] {
  const folder = path.join(dataDir, FOLDER);
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const reports: PageCacheReport[] = [];
  for (const name of names) {
    try {
      const report = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as PageCacheReport;
      if (now.getTime() - Date.parse(report.at) <= FRESH_MS) reports.push(report);
    } catch {
      // Half written, or removed meanwhile: the next one will do.
    }
  }
  return reports.sort((a, b) => a.pid - b.pid);
}
