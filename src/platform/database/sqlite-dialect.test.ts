import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './database.js';

describe('SQLite transactions beside another process', () => {
  let handle: DatabaseHandle | undefined;
  let other: Database.Database | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    other?.close();
    await handle?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hold the write lock from their start, so a write after a read is never refused for a commit in between', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-sqlite-lock-'));
    const file = path.join(dir, 'paper.sqlite');
    handle = await openDatabase({ dialect: 'sqlite', file });
    await sql`create table budget (line text)`.execute(handle.db);
    // Another process's connection (the worker, a second web process), told not to wait for the lock.
    const otherProcess = new Database(file);
    other = otherProcess;
    otherProcess.pragma('busy_timeout = 0');

    let otherWrote: string | null = null;
    await handle.db.transaction().execute(async (trx) => {
      await sql`select count(*) from budget`.execute(trx);
      try {
        otherProcess.exec(`insert into budget values ('theirs')`);
        otherWrote = 'committed';
      } catch (error) {
        otherWrote = (error as { code?: string }).code ?? 'failed';
      }
      // With a plain BEGIN the other commit went through and this write failed at once with
      // SQLITE_BUSY_SNAPSHOT; the transaction must instead own the lock, and the other writer wait.
      await sql`insert into budget values ('ours')`.execute(trx);
    });

    expect(otherWrote).toBe('SQLITE_BUSY');
    const { rows } = await sql<{ line: string }>`select line from budget`.execute(handle.db);
    expect(rows.map((row) => row.line)).toEqual(['ours']);
  });
});
