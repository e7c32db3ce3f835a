import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { cookieOf, type LiveEditor, liveUrl, openLive, until } from '../../../test/support/live-editor.js';
import { redisAnswers, TEST_REDIS_URL } from '../../../test/support/redis.js';
import type { Deps } from '../../deps.js';
import { checkDocument } from '../articles/document/index.js';

/**
 * Issue 17's fuzz test: three live editors make random concurrent edits to the headline, dek and body
 * (insertions, deletions, paragraph splits, marks), drop off and come back (what they typed offline
 * merges on reconnect), while Admin API writes land in between. Every word typed is a unique token,
 * inserted only between words, and an editor deletes only its own tokens: so every token the server
 * took and its owner did not delete must be in every copy and in the saved article at the end.
 *
 * Replay a failure with the seed and path fast-check prints: FUZZ_SEED=<seed> FUZZ_PATH=<path>.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 17);
const api = '/api/admin/v1';
const EDITORS = 3;

type Field = 'headline' | 'dek' | 'body';
type Op =
  | { kind: 'insert'; editor: number; field: Field; at: number; paragraph: number }
  | { kind: 'delete'; editor: number; pick: number }
  | { kind: 'split'; editor: number; paragraph: number; at: number }
  | { kind: 'mark'; editor: number; paragraph: number; pick: number; mark: 'bold' | 'italic' }
  | { kind: 'offline' | 'online'; editor: number }
  | { kind: 'rest'; field: Field }
  | { kind: 'pause'; ms: number };

const editorArb = fc.integer({ min: 0, max: EDITORS - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      editor: editorArb,
      field: fc.constantFrom<Field>('headline', 'dek', 'body', 'body', 'body'),
      at: fc.nat(),
      paragraph: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), editor: editorArb, pick: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('split' as const),
      editor: editorArb,
      paragraph: fc.nat(),
      at: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('mark' as const),
      editor: editorArb,
      paragraph: fc.nat(),
      pick: fc.nat(),
      mark: fc.constantFrom<'bold' | 'italic'>('bold', 'italic'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('offline' as const, 'online' as const), editor: editorArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rest' as const),
      field: fc.constantFrom<Field>('headline', 'dek', 'body'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 60 }) }),
  },
);

const redisUp = await redisAnswers();

// One process, and two sharing the database and a Redis (ADR 0033): editors spread over both, Admin API
// writes sent to either.
for (const processes of [1, 2]) {
  const runs = processes === 1 ? RUNS : Math.ceil(RUNS / 2);
  describeEachDialect(`live co-editing, fuzzed, ${processes} process${processes === 1 ? '' : 'es'}`, (t) => {
    let apps: FastifyInstance[] = [];
    let deps: Deps;
    let editor: Record<string, string>;
    let calls = 0;

    beforeEach(async ({ skip }) => {
      if (processes > 1 && !redisUp) {
        if (process.env.CI) throw new Error('CI needs Redis for co-editing on several processes.');
        skip();
      }
      const redisPrefix = `masthead-test:${randomBytes(6).toString('hex')}`;
      for (let i = 0; i < processes; i++) {
        // Short pauses: stores and revisions happen during the edits too, not only at the end.
        const built = await buildTestApp(t.database, {
          live: { debounce: 150, maxDebounce: 600, redisPrefix },
          ...(processes > 1 ? { env: { REDIS_URL: TEST_REDIS_URL.href } } : {}),
        });
        await built.app.listen({ port: 0, host: '127.0.0.1' });
        apps.push(built.app);
        deps = built.deps;
      }
      editor = (await signedInAs(deps, 'editor')).headers;
      expect((await call('POST', '/sections', { name: 'World' })).statusCode).toBe(201);
    });

    afterEach(async () => {
      for (const app of apps) await app.close();
      apps = [];
    });

    const call = (method: string, path: string, payload?: unknown) =>
      apps[calls++ % apps.length]!.inject({
        method: method as 'GET',
        url: `${api}${path}`,
        headers: editor,
        ...(payload ? { payload } : {}),
      });

    it('converges, loses no acknowledged word, and writes only revisions the schema accepts', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 30 }), async (ops) => {
          run++;
          await oneRun(run, ops);
        }),
        {
          numRuns: runs,
          seed: SEED,
          ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
          // Each run costs seconds: shrinking a failure as far as fast-check likes could take many minutes.
          endOnFailure: true,
        },
      );
    });

    async function oneRun(run: number, ops: Op[]): Promise<void> {
      const created = await call('POST', '/articles', {
        headline: `Harbour Reopens ${run}`,
        section: 'world',
        bodyMarkdown: 'The harbour reopened on Monday.\n\nShips queued at dawn.',
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const editors: LiveEditor[] = [];
      for (let i = 0; i < EDITORS; i++) {
        editors.push(await openLive(liveUrl(apps[i % apps.length]!), id, cookieOf(editor)));
      }
      const offline = new Set<number>();
      // Every token that must be there at the end, and the tokens each editor may still delete.
      const expected = new Set<string>();
      const own: string[][] = editors.map(() => []);
      let count = 0;
      const token = (prefix: string) =>
        `${prefix}${String(run).padStart(2, '0')}${String(++count).padStart(3, '0')}`;

      try {
        for (const op of ops) {
          if (op.kind === 'pause') await new Promise((r) => setTimeout(r, op.ms));
          else if (op.kind === 'offline' && !offline.has(op.editor)) {
            offline.add(op.editor);
            editors[op.editor]!.goOffline();
          } else if (op.kind === 'online' && offline.delete(op.editor)) await editors[op.editor]!.goOnline();
          else if (op.kind === 'rest') {
            const written = await restWrite(id, op.field, token('R'));
            if (written) expected.add(written);
          } else if (op.kind === 'insert') {
            const word = token('ABC'[op.editor]!);
            insertWord(editors[op.editor]!.doc, op, word);
            expected.add(word);
            own[op.editor]!.push(word);
          } else if (op.kind === 'delete') {
            const mine = own[op.editor]!;
            if (mine.length === 0) continue;
            const word = mine.splice(op.pick % mine.length, 1)[0]!;
            deleteWord(editors[op.editor]!.doc, word);
            expected.delete(word);
          } else if (op.kind === 'split') splitParagraph(editors[op.editor]!.doc, op.paragraph, op.at);
          else if (op.kind === 'mark') markWord(editors[op.editor]!.doc, op);
        }
        for (const i of offline) await editors[i]!.goOnline();

        const first = editors[0]!.doc;
        await until(
          () => editors.every((e) => e.provider.unsyncedChanges === 0 && sameDocument(e.doc, first)),
          'every copy converges',
          10_000,
        );
        const text = plainText(first);
        for (const word of expected) expect(text, `${word} is in every copy`).toContain(word);
      } finally {
        for (const e of editors) await e.close();
      }

      // The last editor left: the document is stored at once, and a revision holds every word.
      await until(
        async () => {
          const saved = (await call('GET', `/articles/${id}`)).json();
          const all = `${saved.headline} ${saved.dek} ${JSON.stringify(saved.body)}`;
          return [...expected].every((word) => all.includes(word));
        },
        'the saved article holds every acknowledged word',
        10_000,
      );
      const revisions = (await call('GET', `/articles/${id}/revisions`)).json().items as { number: number }[];
      for (const { number } of revisions) {
        const revision = (await call('GET', `/articles/${id}/revisions/${number}`)).json();
        const checked = checkDocument(revision.snapshot.body);
        expect(
          checked.ok ? 'ok' : `${checked.message} at ${checked.path} in ${JSON.stringify(revision)}`,
          `revision ${number} passes the document schema`,
        ).toBe('ok');
        expect(revision.snapshot.headline.trim()).not.toBe('');
      }
    }

    /** An Admin API write against the current revision; a 409 (a live store moved it on) writes nothing. */
    async function restWrite(id: string, field: Field, word: string): Promise<string | null> {
      const current = (await call('GET', `/articles/${id}`)).json();
      const change =
        field === 'body'
          ? { body: { ...current.body, content: [...current.body.content, paragraph(word)] } }
          : { [field]: `${current[field] ?? ''} ${word}`.trim() };
      const res = await call('PATCH', `/articles/${id}`, { revision: current.revision, ...change });
      if (res.statusCode === 409) return null;
      expect(res.statusCode, res.body).toBe(200);
      return word;
    }
  });
}

function paragraph(text: string) {
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

/** The paragraphs' texts (marks left out), as Y.XmlText holds them. */
function paragraphs(doc: Y.Doc): Y.XmlText[] {
  return doc
    .getXmlFragment('body')
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement)
    .map((element) => {
      const text = element.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
      if (text) return text;
      const made = new Y.XmlText();
      element.push([made]);
      return made;
    });
}

function textOf(text: Y.Text): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
    .join('');
}

function plainText(doc: Y.Doc): string {
  return [doc.getText('headline'), doc.getText('dek'), ...paragraphs(doc)].map(textOf).join('\n');
}

function sameDocument(a: Y.Doc, b: Y.Doc): boolean {
  return (
    JSON.stringify(a.getXmlFragment('body').toJSON()) === JSON.stringify(b.getXmlFragment('body').toJSON()) &&
    plainText(a) === plainText(b)
  );
}

/** The places between words: the start, after each space, the end. A word never lands inside another. */
function boundaries(text: string): number[] {
  const at = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === ' ') at.push(i + 1);
  if (at[at.length - 1] !== text.length) at.push(text.length);
  return at;
}

function targetOf(doc: Y.Doc, field: Field, paragraph: number): Y.Text | null {
  if (field !== 'body') return doc.getText(field);
  const all = paragraphs(doc);
  return all.length === 0 ? null : all[paragraph % all.length]!;
}

function insertWord(doc: Y.Doc, op: { field: Field; at: number; paragraph: number }, word: string): void {
  const target = targetOf(doc, op.field, op.paragraph);
  if (!target) {
    const element = new Y.XmlElement('paragraph');
    element.insert(0, [new Y.XmlText(word)]);
    doc.getXmlFragment('body').push([element]);
    return;
  }
  const text = textOf(target);
  const places = boundaries(text);
  const at = places[op.at % places.length]!;
  // Spaces on both sides keep it a word of its own whatever is typed next to it.
  target.insert(at, ` ${word} `);
}

function deleteWord(doc: Y.Doc, word: string): void {
  for (const target of [doc.getText('headline'), doc.getText('dek'), ...paragraphs(doc)]) {
    const at = textOf(target).indexOf(word);
    if (at >= 0) {
      target.delete(at, word.length);
      return;
    }
  }
}

/** Enter between two words, as the editor does it: the paragraph's tail moves to a new paragraph. */
function splitParagraph(doc: Y.Doc, index: number, pick: number): void {
  const all = paragraphs(doc);
  if (all.length === 0) return;
  const target = all[index % all.length]!;
  const text = textOf(target);
  const at = boundaries(text)[pick % boundaries(text).length]!;
  const fragment = doc.getXmlFragment('body');
  const element = target.parent as Y.XmlElement;
  const position = fragment.toArray().indexOf(element);
  doc.transact(() => {
    target.delete(at, text.length - at);
    const next = new Y.XmlElement('paragraph');
    next.insert(0, [new Y.XmlText(text.slice(at))]);
    fragment.insert(position + 1, [next]);
  });
}

function markWord(doc: Y.Doc, op: { paragraph: number; pick: number; mark: 'bold' | 'italic' }): void {
  const target = targetOf(doc, 'body', op.paragraph);
  if (!target) return;
  const words = [...textOf(target).matchAll(/\S+/g)];
  if (words.length === 0) return;
  const word = words[op.pick % words.length]!;
  target.format(word.index, word[0].length, { [op.mark]: {} });
}
