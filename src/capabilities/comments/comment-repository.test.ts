import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { bumpCommentVersion, findCommentVersion } from './comment-repository.js';

/**
 * Every comment write starts by counting the article's version up; that must hold the next writer of the
 * same article until it commits (the check "no one else replied" and the thread's deletion stay one step).
 */
describeEachDialect('the article’s comment version', (t) => {
  it('counts up once per write, and holds a second writer of the same article until the first commits', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const editor = await signedInAs(deps, 'editor');
    const made = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: editor.headers,
      payload: { headline: 'Harbour Reopens' },
    });
    const id = made.json().id as string;
    const { db } = deps.database;
    expect(await findCommentVersion(db, id)).toBe(0);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const order: string[] = [];
    const first = db.transaction().execute(async (trx) => {
      order.push(`first ${await bumpCommentVersion(trx, id, '2026-11-16T09:00:00.000Z')}`);
      await gate;
      order.push('first commits');
    });
    await sleep(50);
    const second = db.transaction().execute(async (trx) => {
      order.push(`second ${await bumpCommentVersion(trx, id, '2026-11-16T09:00:01.000Z')}`);
    });
    await sleep(300);
    expect(order).toEqual(['first 1']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first 1', 'first commits', 'second 2']);
    expect(await findCommentVersion(db, id)).toBe(2);
  });
});
