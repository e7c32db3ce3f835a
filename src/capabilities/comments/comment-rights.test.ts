import { expect, it } from 'vitest';
import { signedInAs, tokenMadeBy } from '../../../test/support/auth.js';
import { COMMENT_PARAGRAPH, commentDesk, type DeskMember } from '../../../test/support/comment-fixtures.js';
import { describeEachDialect } from '../../../test/support/databases.js';

/** The comment rules through the Admin API: authors, resolving, deleting threads, API tokens, deletion with the article. */
describeEachDialect('who may do what with comments', (t) => {
  it('lets only a comment’s author change or delete it', async () => {
    const { clock, editor, reporter, contributor, owner, call, article, thread, expectError } =
      await commentDesk(t.database);
    const id = await article();
    const threadId = await thread(id, reporter);
    clock.advance(5000);
    const edited = await call('PATCH', `/articles/${id}/comments/${threadId}`, reporter.headers, {
      text: 'Which two storms?',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().comments[0]).toMatchObject({
      text: 'Which two storms?',
      editedAt: '2026-11-16T09:00:05.000Z',
      createdAt: '2026-11-16T09:00:00.000Z',
    });
    // Not even the owner puts words in a colleague's mouth.
    for (const other of [editor, owner, contributor]) {
      const patch = await call('PATCH', `/articles/${id}/comments/${threadId}`, other.headers, {
        text: 'Mine now.',
      });
      expectError(patch, 403, 'FORBIDDEN', { reason: 'author' });
      expect(patch.json().error.message).toContain('Rhea Reporter');
      expectError(
        await call('DELETE', `/articles/${id}/comments/${threadId}`, other.headers),
        403,
        'FORBIDDEN',
        {
          reason: 'author',
        },
      );
    }
    expectError(
      await call('PATCH', `/articles/${id}/comments/nope`, reporter.headers, { text: 'Hm.' }),
      404,
      'COMMENT_NOT_FOUND',
    );
    const listed = await call('GET', `/articles/${id}/comments`, editor.headers);
    expect(listed.json().threads[0].comments[0].text).toBe('Which two storms?');
  });

  it('lets the article’s editors and the thread’s author resolve and reopen, recording who and when', async () => {
    const { clock, editor, contributor, call, thread, expectError } = await commentDesk(t.database);
    // The contributor's own draft, submitted: they read it, but may no longer edit it.
    const made = await call('POST', '/articles', contributor.headers, {
      headline: 'Quay Notes',
      bodyMarkdown: COMMENT_PARAGRAPH,
    });
    const id = made.json().id;
    expect(
      (await call('POST', `/articles/${id}/submit`, contributor.headers, { revision: 1 })).statusCode,
    ).toBe(200);
    const editorsThread = await thread(id, editor);
    const resolveBy = (who: DeskMember, threadId: string, step = 'resolve') =>
      call('POST', `/articles/${id}/comments/${threadId}/${step}`, who.headers);

    const refused = await resolveBy(contributor, editorsThread);
    expectError(refused, 403, 'FORBIDDEN', { reason: 'resolve' });
    expect(refused.json().error.message).toContain('who may edit this article');

    clock.advance(1000);
    const resolved = await resolveBy(editor, editorsThread);
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-11-16T09:00:01.000Z',
      resolvedBy: { id: editor.staff.id, name: 'Eda Editor' },
    });
    expectError(await resolveBy(editor, editorsThread), 409, 'COMMENT_THREAD_RESOLVED');
    expectError(
      await call('POST', `/articles/${id}/comments/${editorsThread}/replies`, editor.headers, {
        text: 'Also.',
      }),
      409,
      'COMMENT_THREAD_RESOLVED',
    );
    expectError(await resolveBy(contributor, editorsThread, 'reopen'), 403, 'FORBIDDEN', {
      reason: 'resolve',
    });
    const reopened = await resolveBy(editor, editorsThread, 'reopen');
    expect(reopened.json()).toMatchObject({ status: 'open', resolvedAt: null, resolvedBy: null });
    expectError(await resolveBy(editor, editorsThread, 'reopen'), 409, 'COMMENT_THREAD_OPEN');

    // The contributor's own thread is theirs to resolve, whatever they may do to the article.
    const ownThread = await thread(id, contributor);
    const own = await resolveBy(contributor, ownThread);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().resolvedBy).toEqual({ id: contributor.staff.id, name: 'Cato Contributor' });
    const listed = (await call('GET', `/articles/${id}/comments`, editor.headers)).json();
    expect(listed.threads.map((th: { status: string }) => th.status)).toEqual(['open', 'resolved']);
  });

  it('deletes a reply, and a thread only while no one else has replied; the audit trail records both', async () => {
    const { deps, editor, reporter, owner, call, article, thread, expectError } = await commentDesk(
      t.database,
    );
    const id = await article();
    const threadId = await thread(id, reporter);
    const reply = (who: DeskMember, text: string) =>
      call('POST', `/articles/${id}/comments/${threadId}/replies`, who.headers, { text });
    const own = (await reply(reporter, 'And the third one.')).json().comments[1].id;
    const editors = (await reply(editor, 'Fine.')).json().comments[2].id;

    const blocked = await call('DELETE', `/articles/${id}/comments/${threadId}`, reporter.headers);
    expectError(blocked, 409, 'COMMENT_THREAD_HAS_REPLIES');
    expect(blocked.json().error.message).toContain('Eda Editor');

    expect((await call('DELETE', `/articles/${id}/comments/${editors}`, editor.headers)).statusCode).toBe(
      204,
    );
    // Only the author's own reply is left: the thread goes, with it.
    const gone = await call('DELETE', `/articles/${id}/comments/${threadId}`, reporter.headers);
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await call('GET', `/articles/${id}/comments`, editor.headers)).json().threads).toEqual([]);
    const rows = await deps.database.db.selectFrom('comments').select('id').where('id', '=', own).execute();
    expect(rows).toEqual([]);
    expectError(
      await call('DELETE', `/articles/${id}/comments/${threadId}`, reporter.headers),
      404,
      'COMMENT_NOT_FOUND',
    );

    const audit = await call('GET', '/audit?action=comment.deleted', owner.headers);
    expect(audit.statusCode, audit.body).toBe(200);
    const events = audit.json().items as { actor: { name: string }; subject: object; details: object }[];
    expect(events.map((e) => [e.actor.name, e.details])).toEqual(
      expect.arrayContaining([
        ['Eda Editor', expect.objectContaining({ commentId: editors, thread: false })],
        ['Rhea Reporter', expect.objectContaining({ commentId: threadId, thread: true })],
      ]),
    );
    expect(events).toHaveLength(2);
    expect(events[0]!.subject).toEqual({ kind: 'article', id });
  });

  it('lets an API token comment with its maker’s rights, and stops it when the maker is disabled', async () => {
    const { app, deps, editor, owner, call, article, start, expectError } = await commentDesk(t.database);
    const id = await article(editor, false);
    const reporterToken = await tokenMadeBy(app, owner.headers, 'reporter');
    // A token is no one's own article: below editor it reads only published ones.
    expectError(await start(id, { staff: editor.staff, headers: reporterToken }), 403, 'FORBIDDEN', {
      reason: 'read',
    });
    const admin = await signedInAs(deps, 'admin', { name: 'Ada Admin' });
    const token = await tokenMadeBy(app, admin.headers, 'editor');
    const started = await start(id, { staff: admin.staff, headers: token }, 'From the wire desk.');
    expect(started.statusCode, started.body).toBe(201);
    const threadId = started.json().id;
    expect(started.json().comments[0].author).toEqual({
      id: null,
      name: expect.stringContaining('API token'),
    });
    // The token's comment is the token's own; its maker's session is someone else.
    expect(
      (await call('PATCH', `/articles/${id}/comments/${threadId}`, token, { text: 'From the wire.' }))
        .statusCode,
    ).toBe(200);
    expectError(
      await call('PATCH', `/articles/${id}/comments/${threadId}`, admin.headers, { text: 'Mine.' }),
      403,
      'FORBIDDEN',
      { reason: 'author' },
    );
    expect(
      (await call('PATCH', `/staff/${admin.staff.id}`, owner.headers, { disabled: true })).statusCode,
    ).toBe(200);
    expectError(await start(id, { staff: admin.staff, headers: token }), 401, 'AUTH_REQUIRED');
    expectError(await call('GET', `/articles/${id}/comments`, token), 401, 'AUTH_REQUIRED');
  });

  it('goes with its article when the article is deleted', async () => {
    const { deps, editor, reporter, call, article, thread } = await commentDesk(t.database);
    const id = await article(editor, false);
    const threadId = await thread(id);
    await call('POST', `/articles/${id}/comments/${threadId}/replies`, reporter.headers, { text: 'Noted.' });
    const keep = await article();
    await thread(keep);
    const deleted = await call('DELETE', `/articles/${id}?revision=1`, editor.headers);
    expect(deleted.statusCode, deleted.body).toBe(204);
    const { db } = deps.database;
    const left = async (table: 'comments' | 'comment_threads' | 'comment_versions') =>
      (await db.selectFrom(table).select('article_id').execute()).map((r) => r.article_id);
    expect(await left('comments')).toEqual([keep]);
    expect(await left('comment_threads')).toEqual([keep]);
    expect(await left('comment_versions')).toEqual([keep]);
  });
});
