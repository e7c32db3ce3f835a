import { expect } from 'vitest';
import * as Y from 'yjs';
import { fixedClock } from '../../src/platform/clock.js';
import { adminCall, buildTestApp } from './app.js';
import { signedInAs } from './auth.js';
import type { TestDatabase } from './databases.js';

/**
 * An anchor as the newsroom editor would send it: a body bound to Tiptap's `body` XmlFragment, the passage
 * `quote` found in `paragraph`, its ends as Yjs relative positions in base64, and up to 32 characters either side.
 */
export function anchorIn(paragraph: string, quote: string) {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment('body');
  const element = new Y.XmlElement('paragraph');
  body.insert(0, [element]);
  const text = new Y.XmlText();
  element.insert(0, [text]);
  text.insert(0, paragraph);
  const from = paragraph.indexOf(quote);
  if (from < 0) throw new Error(`"${quote}" is not in "${paragraph}"`);
  const to = from + quote.length;
  const encode = (index: number) =>
    Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString(
      'base64',
    );
  return {
    field: 'body',
    start: encode(from),
    end: encode(to),
    quote,
    prefix: paragraph.slice(Math.max(0, from - 32), from),
    suffix: paragraph.slice(to, to + 32),
  };
}

export const COMMENT_PARAGRAPH = 'The harbour reopened on Monday after a week of storms closed the quay.';

type Headers = Record<string, string>;
export type DeskMember = { staff: { id: string; name: string }; headers: Headers };

/**
 * The newsroom the comment tests work in: the real app at a fixed clock, a World section, an editor,
 * a reporter, a contributor and an owner signed in, and helpers that make articles and threads over the
 * Admin API and check its refusals (status, stable code, details, and a sentence a person can read).
 */
export async function commentDesk(database: TestDatabase) {
  const clock = fixedClock('2026-11-16T09:00:00.000Z');
  const { app, deps } = await buildTestApp(database, { clock });
  const editor = await signedInAs(deps, 'editor', { name: 'Eda Editor' });
  const reporter = await signedInAs(deps, 'reporter', { name: 'Rhea Reporter' });
  const contributor = await signedInAs(deps, 'contributor', { name: 'Cato Contributor' });
  const owner = await signedInAs(deps, 'owner', { name: 'Odile Owner' });
  const call = (method: string, url: string, headers: Headers, payload?: unknown) =>
    adminCall(app, method, url, headers, payload);
  expect((await call('POST', '/sections', editor.headers, { name: 'World' })).statusCode).toBe(201);

  let articles = 0;
  /** A new article by `by`, published by the editor unless `publish` is false; its id. */
  async function article(by: DeskMember = editor, publish = true): Promise<string> {
    articles += 1;
    const made = await call('POST', '/articles', by.headers, {
      headline: `Harbour Reopens ${articles}`,
      section: 'world',
      access: 'free',
      bodyMarkdown: COMMENT_PARAGRAPH,
    });
    expect(made.statusCode, made.body).toBe(201);
    if (publish) {
      const res = await call('POST', `/articles/${made.json().id}/publish`, editor.headers, { revision: 1 });
      expect(res.statusCode, res.body).toBe(200);
    }
    return made.json().id as string;
  }

  const start = (id: string, by: DeskMember, text = 'Which storms? Name them.') =>
    call('POST', `/articles/${id}/comments`, by.headers, {
      text,
      anchor: anchorIn(COMMENT_PARAGRAPH, 'a week of storms'),
    });

  /** A thread started by `by`; its id. */
  async function thread(id: string, by: DeskMember = editor): Promise<string> {
    const res = await start(id, by);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  function expectError(
    res: { statusCode: number; json(): unknown },
    status: number,
    code: string,
    details = {},
  ) {
    expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
    const { error } = res.json() as { error: { code: string; message: string; details: object } };
    expect(error).toMatchObject({ code, details });
    expect(error.message.length).toBeGreaterThan(20);
  }

  return {
    app,
    deps,
    clock,
    editor,
    reporter,
    contributor,
    owner,
    call,
    article,
    start,
    thread,
    expectError,
  };
}
