import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { anchorIn } from '../../../test/support/comment-fixtures.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { linksIn } from '../../../test/support/smtp.js';
import { mailTo } from '../../../test/support/staff-security.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';

const API = '/api/admin/v1';
const PARAGRAPH = 'Cranes hum where diesel roared, and the quay workers say the change is welcome.';
type Member = { staff: { id: string; name: string; email: string }; headers: Record<string, string> };

/** @mentions: each mentioned member is checked (exists, active, may read the article) and mailed once. */
describeEachDialect('mentions in comments', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let editor: Member;
  let reporter: Member;
  let contributor: Member;
  let copy: Member;
  const clock = fixedClock('2026-11-16T09:00:00.000Z');

  beforeEach(async () => {
    ({ app, deps } = await buildTestApp(t.database, { clock }));
    editor = await signedInAs(deps, 'editor', { name: 'Eda Editor' });
    reporter = await signedInAs(deps, 'reporter', { name: 'Rhea Reporter' });
    contributor = await signedInAs(deps, 'contributor', { name: 'Cato Contributor' });
    copy = await signedInAs(deps, 'editor', { name: 'Cody Copydesk' });
    expect((await call('POST', '/sections', editor.headers, { name: 'World' })).statusCode).toBe(201);
  });

  const call = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
    app.inject({ method: method as 'GET', url: `${API}${url}`, headers, ...(payload ? { payload } : {}) });

  async function article(publish: boolean): Promise<string> {
    const made = await call('POST', '/articles', editor.headers, {
      headline: 'Harbour Cranes Go Electric',
      section: 'world',
      access: 'free',
      bodyMarkdown: PARAGRAPH,
    });
    expect(made.statusCode, made.body).toBe(201);
    if (publish) {
      expect(
        (await call('POST', `/articles/${made.json().id}/publish`, editor.headers, { revision: 1 }))
          .statusCode,
      ).toBe(200);
    }
    return made.json().id;
  }

  const start = (id: string, by: Member, mentions: string[], text = 'Check the crane count.') =>
    call('POST', `/articles/${id}/comments`, by.headers, {
      text,
      anchor: anchorIn(PARAGRAPH, 'diesel roared'),
      mentions,
    });

  it('mails each mentioned member once: who, the headline, the comment and a link to the thread', async () => {
    const id = await article(true);
    const started = await start(
      id,
      editor,
      [reporter.staff.id, copy.staff.id, reporter.staff.id, editor.staff.id],
      '@Rhea Reporter @Cody Copydesk check the crane count.',
    );
    expect(started.statusCode, started.body).toBe(201);
    const threadId = started.json().id;
    expect(started.json().comments[0].mentions).toEqual([reporter.staff.id, copy.staff.id, editor.staff.id]);

    for (const member of [reporter, copy]) {
      const mail = await mailTo(deps, member.staff.email);
      expect(mail, member.staff.name).toHaveLength(1);
      expect(mail[0]!.subject).toBe('Eda Editor mentioned you on “Harbour Cranes Go Electric”');
      expect(mail[0]!.text).toContain(
        'Eda Editor mentioned you in a comment on “Harbour Cranes Go Electric”',
      );
      expect(mail[0]!.text).toContain('@Rhea Reporter @Cody Copydesk check the crane count.');
      expect(linksIn(mail[0]!)).toContain(`https://news.example/newsroom/story/${id}?comment=${threadId}`);
    }
    // The author mentioning themselves gets nothing.
    expect(await mailTo(deps, editor.staff.email)).toEqual([]);

    // A reply mails whom it mentions; an edit mails only whom it adds.
    const replied = await call('POST', `/articles/${id}/comments/${threadId}/replies`, reporter.headers, {
      text: '@Eda Editor six cranes.',
      mentions: [editor.staff.id],
    });
    expect(replied.statusCode, replied.body).toBe(201);
    const replyId = replied.json().comments[1].id;
    expect(await mailTo(deps, editor.staff.email)).toHaveLength(1);
    const edited = await call('PATCH', `/articles/${id}/comments/${replyId}`, reporter.headers, {
      text: '@Eda Editor @Cody Copydesk six cranes.',
      mentions: [editor.staff.id, copy.staff.id],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await mailTo(deps, editor.staff.email)).toHaveLength(1);
    expect(await mailTo(deps, copy.staff.email)).toHaveLength(2);
    // An edit without `mentions` keeps them.
    const kept = await call('PATCH', `/articles/${id}/comments/${replyId}`, reporter.headers, {
      text: 'Six.',
    });
    expect(kept.json().comments[1].mentions).toEqual([editor.staff.id, copy.staff.id]);
  });

  it('refuses unknown, disabled and unable members, naming each, and writes and mails nothing', async () => {
    const owner = await signedInAs(deps, 'owner');
    const gone = await signedInAs(deps, 'reporter', { name: 'Gus Gone' });
    expect(
      (await call('PATCH', `/staff/${gone.staff.id}`, owner.headers, { disabled: true })).statusCode,
    ).toBe(200);
    // A draft: the contributor (not its author) may not read it, so may not be mentioned on it.
    const id = await article(false);
    const refused = await start(id, editor, [
      copy.staff.id,
      'no-such-id',
      gone.staff.id,
      contributor.staff.id,
    ]);
    expect(refused.statusCode, refused.body).toBe(400);
    const { error } = refused.json();
    expect(error.code).toBe('MENTION_REFUSED');
    expect(error.details).toEqual({
      field: 'mentions',
      mentions: [
        { id: 'no-such-id', reason: 'unknown' },
        { id: gone.staff.id, reason: 'inactive' },
        { id: contributor.staff.id, reason: 'cannot-read' },
      ],
    });
    expect(error.message).toContain('"no-such-id"');
    expect(error.message).toContain('Gus Gone');
    expect(error.message).toContain('Cato Contributor cannot read this article');
    expect((await call('GET', `/articles/${id}/comments`, editor.headers)).json().threads).toEqual([]);
    expect(await mailTo(deps, copy.staff.email)).toEqual([]);

    // On a reply and on an edit too.
    const ok = await start(id, editor, [copy.staff.id]);
    const threadId = ok.json().id;
    const reply = await call('POST', `/articles/${id}/comments/${threadId}/replies`, copy.headers, {
      text: 'Hm.',
      mentions: [contributor.staff.id],
    });
    expect(reply.json().error).toMatchObject({ code: 'MENTION_REFUSED' });
    const edit = await call('PATCH', `/articles/${id}/comments/${threadId}`, editor.headers, {
      text: 'Hm.',
      mentions: [gone.staff.id],
    });
    expect(edit.json().error).toMatchObject({
      code: 'MENTION_REFUSED',
      details: { mentions: [{ reason: 'inactive' }] },
    });
    expect(await mailTo(deps, copy.staff.email)).toHaveLength(1);
  });
});
