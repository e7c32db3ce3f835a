import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { expect, it } from 'vitest';
import { ROOT } from '../support/processes.js';

it('a SIGKILL in the middle of writes leaves the SQLite file whole and every acknowledged write in it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-crash-'));
  const file = path.join(dir, 'masthead.sqlite');
  try {
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, [path.join(ROOT, 'test/fixtures/write-loop.mjs'), file]);
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const target = 40 + round * 40;
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if ((out.match(/committed/g) ?? []).length >= target) {
            clearInterval(timer);
            child.kill('SIGKILL');
            resolve();
          }
        }, 5);
        child.on('exit', (code) => code !== null && reject(new Error(`writer exited on its own (${code})`)));
      });
      await new Promise((r) => child.once('close', r));
      const acknowledged = Math.max(...[...out.matchAll(/committed (\d+)/g)].map((m) => Number(m[1])));

      const sqlite = new SQLite(file);
      try {
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        const row = sqlite
          .prepare("select value from settings where key = 'publication.description'")
          .get() as {
          value: string;
        };
        const stored = Number(JSON.parse(row.value).replace('edition ', ''));
        expect(stored).toBeGreaterThanOrEqual(acknowledged);
      } finally {
        sqlite.close();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
