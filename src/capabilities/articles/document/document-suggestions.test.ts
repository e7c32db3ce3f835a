import {
  enableSuggestChanges,
  suggestChanges,
  transformToSuggestionTransaction,
} from '@handlewithcare/prosemirror-suggest-changes';
import { Node } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type { ArticleDocument } from './document.js';
import { checkDocument } from './document-schema.js';
import { listSuggestions, readersDocument, resolveSuggestions } from './document-suggestions.js';
import { editorSchema } from './editor/index.js';

const COPY_EDITOR = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const REPORTER = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const paragraphs = (...texts: string[]): ArticleDocument => ({
  type: 'doc',
  content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/** Edits made in suggest mode by the package itself, as the newsroom editor makes them. */
function suggest(document: ArticleDocument, edits: [string, (tr: Transaction) => void][]): ArticleDocument {
  let state = EditorState.create({
    schema: editorSchema,
    doc: Node.fromJSON(editorSchema, document),
    plugins: [suggestChanges()],
  });
  enableSuggestChanges(state, (tr) => {
    state = state.apply(tr);
  });
  let n = 0;
  for (const [staffId, edit] of edits) {
    const tr = state.tr;
    edit(tr);
    n += 1;
    const id = () => `${staffId}.${1_765_000_000_000 + n * 60_000}.abc${String(n).padStart(3, '0')}`;
    state = state.apply(transformToSuggestionTransaction(tr, state, id));
  }
  const checked = checkDocument(state.doc.toJSON());
  if (!checked.ok) throw new Error(`${checked.path}: ${checked.message}`);
  return checked.document;
}

describe('suggestions in a body', () => {
  // A copy editor suggests " briefly" after "spoke", a reporter suggests cutting " on Tuesday". (Not next to
  // each other: the package gives an edit touching a suggestion that suggestion's id, whoever made it.)
  const original = 'The mayor spoke to reporters on Tuesday.';
  const suggested = suggest(paragraphs(original), [
    [COPY_EDITOR, (tr) => tr.insertText(' briefly', 16)],
    [REPORTER, (tr) => tr.delete(37, 48)],
  ]);

  it('lists each open suggestion with who made it, when, and its text', () => {
    expect(listSuggestions(suggested)).toEqual([
      {
        id: expect.stringMatching(/^0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\./),
        kind: 'insertion',
        staffId: COPY_EDITOR,
        at: '2025-12-06T05:47:40.000Z',
        text: ' briefly',
      },
      {
        id: expect.stringMatching(/^0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c\./),
        kind: 'deletion',
        staffId: REPORTER,
        at: '2025-12-06T05:48:40.000Z',
        text: ' on Tuesday',
      },
    ]);
  });

  it('gives readers the text as if every open suggestion were rejected', async () => {
    expect(await readersDocument(suggested)).toEqual(paragraphs(original));
  });

  it('accepts or rejects one suggestion, leaving the other open', async () => {
    const [insertion, deletion] = listSuggestions(suggested);
    const accepted = await resolveSuggestions(suggested, 'accept', [insertion!.id]);
    expect(listSuggestions(accepted).map((s) => s.id)).toEqual([deletion!.id]);
    expect(await readersDocument(accepted)).toEqual(
      paragraphs('The mayor spoke briefly to reporters on Tuesday.'),
    );
    const both = await resolveSuggestions(accepted, 'accept', [deletion!.id]);
    expect(both).toEqual(paragraphs('The mayor spoke briefly to reporters.'));
    expect(await resolveSuggestions(suggested, 'reject')).toEqual(paragraphs(original));
    expect(await resolveSuggestions(suggested, 'accept')).toEqual(
      paragraphs('The mayor spoke briefly to reporters.'),
    );
  });

  it('treats a suggested paragraph break as text that readers do not get until it is accepted', async () => {
    const split = suggest(paragraphs('First half. Second half.'), [[COPY_EDITOR, (tr) => tr.split(13)]]);
    expect(split.content).toHaveLength(2);
    expect(listSuggestions(split)).toMatchObject([{ kind: 'insertion', text: '' }]);
    expect(await readersDocument(split)).toEqual(paragraphs('First half. Second half.'));
    expect(await resolveSuggestions(split, 'accept')).toEqual(paragraphs('First half. ', 'Second half.'));
  });

  it('leaves a body without suggestions as it is', async () => {
    const plain = paragraphs('Nothing suggested.');
    expect(listSuggestions(plain)).toEqual([]);
    expect(await readersDocument(plain)).toBe(plain);
  });
});

describe('the document check and suggestion marks', () => {
  const withMark = (mark: unknown) => ({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [mark] }] }],
  });
  const good = `${COPY_EDITOR}.1765000000000.k3j9zq`;

  it('keeps an insertion or a deletion with a well-formed id, on text and on a line break', () => {
    expect(checkDocument(withMark({ type: 'insertion', attrs: { id: good } })).ok).toBe(true);
    const onBreak = checkDocument({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'hardBreak', marks: [{ type: 'bold' }, { type: 'deletion', attrs: { id: good } }] },
          ],
        },
      ],
    });
    expect(onBreak.ok && onBreak.document.content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'hardBreak', marks: [{ type: 'deletion', attrs: { id: good } }] }],
    });
  });

  it.each([
    [{ type: 'insertion', attrs: { id: 7 } }, 'content[0].content[0].marks[0].attrs.id', /staff id/],
    [
      { type: 'insertion', attrs: { id: 'Ann.yesterday' } },
      'content[0].content[0].marks[0].attrs.id',
      /staff id/,
    ],
    [{ type: 'deletion' }, 'content[0].content[0].marks[0].attrs.id', /suggestion's id/],
    [{ type: 'modification', attrs: { id: good } }, 'content[0].content[0].marks[0].type', /not supported/],
  ])('refuses %j', (mark, path, message) => {
    const checked = checkDocument(withMark(mark));
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.path).toBe(path);
      expect(checked.message).toMatch(message);
    }
  });

  it('refuses text that is both suggested in and suggested out, and a suggestion on a paragraph', () => {
    const both = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'x',
              marks: [
                { type: 'insertion', attrs: { id: good } },
                { type: 'deletion', attrs: { id: good } },
              ],
            },
          ],
        },
      ],
    };
    expect(checkDocument(both)).toMatchObject({ ok: false, message: /only one suggestion/ });
    const onParagraph = {
      type: 'doc',
      content: [{ type: 'paragraph', marks: [{ type: 'insertion', attrs: { id: good } }] }],
    };
    expect(checkDocument(onParagraph)).toMatchObject({ ok: false, path: 'content[0].marks' });
  });
});
