import { expect, it } from 'vitest';
import { anchorIn, COMMENT_PARAGRAPH, commentDesk } from '../../../test/support/comment-fixtures.js';
import { describeEachDialect } from '../../../test/support/databases.js';

/** Threads and replies through the Admin API: what is listed, polled, and refused as input. */
describeEachDialect('comment threads on an article', (t) => {
  it('starts a thread on a passage, takes replies, and lists threads oldest first with their authors', async () => {
    const { clock, editor, reporter, contributor, call, article } = await commentDesk(t.database);
    const id = await article();
    const anchor = anchorIn(COMMENT_PARAGRAPH, 'a week of storms');
    const started = await call('POST', `/articles/${id}/comments`, editor.headers, {
      text: '  Which storms? Name them.  ',
      anchor,
    });
    expect(started.statusCode, started.body).toBe(201);
    const threadId = started.json().id;
    expect(started.json()).toEqual({
      id: threadId,
      articleId: id,
      anchor,
      status: 'open',
      resolvedAt: null,
      resolvedBy: null,
      createdAt: '2026-11-16T09:00:00.000Z',
      comments: [
        {
          id: threadId,
          threadId,
          author: { id: editor.staff.id, name: 'Eda Editor' },
          text: 'Which storms? Name them.',
          mentions: [],
          createdAt: '2026-11-16T09:00:00.000Z',
          editedAt: null,
        },
      ],
    });
    clock.advance(60_000);
    const replied = await call('POST', `/articles/${id}/comments/${threadId}/replies`, reporter.headers, {
      text: 'Ciarán and Debi.',
    });
    expect(replied.statusCode, replied.body).toBe(201);
    expect(replied.json().comments.map((c: { author: { name: string } }) => c.author.name)).toEqual([
      'Eda Editor',
      'Rhea Reporter',
    ]);
    clock.advance(60_000);
    // Without relative positions (the editor is not live) the quote alone anchors it; `field` defaults to body.
    const second = await call('POST', `/articles/${id}/comments`, contributor.headers, {
      text: 'Is Monday right?',
      anchor: { quote: 'Monday' },
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().anchor).toEqual({
      field: 'body',
      start: null,
      end: null,
      quote: 'Monday',
      prefix: '',
      suffix: '',
    });

    const listed = await call('GET', `/articles/${id}/comments`, contributor.headers);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().version).toBe(3);
    expect(listed.json().threads.map((th: { id: string }) => th.id)).toEqual([threadId, second.json().id]);
    expect(listed.json().threads[0].comments.map((c: { text: string }) => c.text)).toEqual([
      'Which storms? Name them.',
      'Ciarán and Debi.',
    ]);
    // Comments are beside the article, not in it: its revision and text did not move.
    const got = await call('GET', `/articles/${id}`, editor.headers);
    expect(got.json().revision).toBe(2);
    expect(got.body).not.toContain('Name them');
  });

  it('answers a poll with 304 while nothing changed, and the new version once something did', async () => {
    const { editor, reporter, contributor, call, article, thread, expectError } = await commentDesk(
      t.database,
    );
    const id = await article();
    const empty = await call('GET', `/articles/${id}/comments`, reporter.headers);
    expect(empty.json()).toEqual({ version: 0, threads: [] });
    const etag = empty.headers.etag as string;
    expect(etag).toBe('"comments-0"');
    const same = await call('GET', `/articles/${id}/comments`, {
      ...reporter.headers,
      'if-none-match': etag,
    });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    const listed = await call('GET', `/articles/${id}/comments`, {
      ...reporter.headers,
      'if-none-match': `"comments-7", W/${etag}`,
    });
    expect(listed.statusCode).toBe(304);
    await thread(id);
    const changed = await call('GET', `/articles/${id}/comments`, {
      ...reporter.headers,
      'if-none-match': etag,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).toBe('"comments-1"');
    expect(changed.json().threads).toHaveLength(1);
    // A refused reader learns nothing from a 304 either.
    const draftId = await article(editor, false);
    const refused = await call('GET', `/articles/${draftId}/comments`, {
      ...contributor.headers,
      'if-none-match': '"comments-0"',
    });
    expectError(refused, 403, 'FORBIDDEN', { reason: 'read' });
  });

  it('refuses an unknown article and one the member may not read, in the read rule’s words', async () => {
    const { editor, contributor, call, article, start, thread, expectError } = await commentDesk(t.database);
    for (const [method, path, body] of [
      ['GET', '/articles/nope/comments', undefined],
      ['POST', '/articles/nope/comments', { text: 'Hm.', anchor: { quote: 'x' } }],
      ['POST', '/articles/nope/comments/x1/replies', { text: 'Hm.' }],
      ['POST', '/articles/nope/comments/x1/resolve', undefined],
    ] as const) {
      expectError(await call(method, path, editor.headers, body), 404, 'ARTICLE_NOT_FOUND');
    }
    // A draft of the editor's: a contributor reads only published articles and their own (ADR 0014).
    const id = await article(editor, false);
    const threadId = await thread(id);
    const refusals = [
      await call('GET', `/articles/${id}/comments`, contributor.headers),
      await start(id, contributor),
      await call('POST', `/articles/${id}/comments/${threadId}/replies`, contributor.headers, {
        text: 'Hm.',
      }),
    ];
    for (const res of refusals) {
      expectError(res, 403, 'FORBIDDEN', { reason: 'read' });
      expect(res.json().error.message).toContain('can read only published articles and your own');
    }
    expectError(
      await call('POST', `/articles/${id}/comments/nope/replies`, editor.headers, { text: 'Hm.' }),
      404,
      'COMMENT_THREAD_NOT_FOUND',
    );
    // A thread of another article is not found through this one.
    const other = await article();
    expectError(
      await call('POST', `/articles/${other}/comments/${threadId}/replies`, editor.headers, { text: 'Hm.' }),
      404,
      'COMMENT_THREAD_NOT_FOUND',
    );
  });

  it('refuses bad anchors and text, naming the field, and writes nothing', async () => {
    const { editor, call, article, expectError } = await commentDesk(t.database);
    const id = await article();
    const good = anchorIn(COMMENT_PARAGRAPH, 'a week of storms');
    const cases: [object, number, string, string][] = [
      [{ ...good, start: 'not base64!' }, 400, 'COMMENT_INVALID', 'anchor.start'],
      [{ ...good, end: Buffer.from([9, 9, 9]).toString('base64') }, 400, 'COMMENT_INVALID', 'anchor.end'],
      // Decodes, but with bytes after the position: not what Y.encodeRelativePosition writes.
      [{ ...good, start: `${good.start.replace(/=+$/, '')}AA==` }, 400, 'COMMENT_INVALID', 'anchor.start'],
      [{ ...good, end: undefined }, 400, 'COMMENT_INVALID', 'anchor.end'],
      [{ ...good, quote: '   ' }, 400, 'COMMENT_INVALID', 'anchor.quote'],
      [{ ...good, quote: '' }, 400, 'VALIDATION_FAILED', 'anchor.quote'],
      [{ ...good, quote: 'x'.repeat(1001) }, 400, 'VALIDATION_FAILED', 'anchor.quote'],
      [{ ...good, prefix: 'x'.repeat(65) }, 400, 'VALIDATION_FAILED', 'anchor.prefix'],
      [{ ...good, start: 'A'.repeat(516) }, 400, 'VALIDATION_FAILED', 'anchor.start'],
      [{ ...good, field: 'byline' }, 400, 'VALIDATION_FAILED', 'anchor.field'],
      [{ ...good, colour: 'red' }, 400, 'UNKNOWN_FIELDS', 'anchor.colour'],
    ];
    for (const [anchor, status, code, field] of cases) {
      const res = await call('POST', `/articles/${id}/comments`, editor.headers, { text: 'Hm.', anchor });
      expect(res.statusCode, `${JSON.stringify(anchor)}: ${res.body}`).toBe(status);
      const { error } = res.json();
      expect(error.code).toBe(code);
      const named = error.details.field ?? JSON.stringify(error.details.problems ?? error.details.fields);
      expect(named, res.body).toContain(field);
    }
    const tooLong = await call('POST', `/articles/${id}/comments`, editor.headers, {
      text: 'x'.repeat(5001),
      anchor: good,
    });
    expectError(tooLong, 400, 'VALIDATION_FAILED');
    expect(tooLong.json().error.message).toContain('text');
    expectError(
      await call('POST', `/articles/${id}/comments`, editor.headers, { text: ' \n ', anchor: good }),
      400,
      'COMMENT_INVALID',
      { field: 'text' },
    );
    expect((await call('GET', `/articles/${id}/comments`, editor.headers)).json()).toEqual({
      version: 0,
      threads: [],
    });
  });
});
