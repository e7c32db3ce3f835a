import { describe, expect, it } from 'vitest';
import type { ArticleDocument } from './document.js';
import { diffRevisions } from './revision-diff.js';

const body = (...paragraphs: string[]): ArticleDocument => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/** Shaped like the article service's snapshot: an interface, not a record, with nulls, lists and a body. */
interface Snapshot {
  headline: string;
  dek: string;
  dateline: string | null;
  body: ArticleDocument;
  tags: string[];
  sectionId: string | null;
}

const base: Snapshot = {
  headline: 'Alliance Chief Visits Capital',
  dek: 'A first visit since the war began.',
  dateline: null,
  body: body('First paragraph.', 'Second paragraph.', 'Third paragraph.'),
  tags: ['europe', 'defence', 'diplomacy'],
  sectionId: 'world',
};

describe('diffRevisions', () => {
  it('omits every field when nothing changed', () => {
    expect(diffRevisions(base, structuredClone(base))).toEqual([]);
  });

  it('diffs text fields by words', () => {
    const after = { ...base, headline: 'Alliance Chief Visits Kyiv for First Time' };
    expect(diffRevisions(base, after)).toEqual([
      {
        field: 'headline',
        kind: 'text',
        changes: [
          { op: 'same', value: 'Alliance Chief Visits ' },
          { op: 'removed', value: 'Capital' },
          { op: 'added', value: 'Kyiv for First Time' },
        ],
      },
    ]);
  });

  it('diffs the body line by line, one line per paragraph', () => {
    const after = {
      ...base,
      body: body('First paragraph.', 'Second paragraph, corrected.', 'Third paragraph.', 'New.'),
    };
    expect(diffRevisions(base, after)).toEqual([
      {
        field: 'body',
        kind: 'text',
        changes: [
          { op: 'same', value: 'First paragraph.' },
          { op: 'removed', value: 'Second paragraph.' },
          { op: 'added', value: 'Second paragraph, corrected.' },
          { op: 'same', value: 'Third paragraph.' },
          { op: 'added', value: 'New.' },
        ],
      },
    ]);
  });

  it('shows an added image in the body even without a caption', () => {
    const withImage: ArticleDocument = {
      type: 'doc',
      content: [
        ...base.body.content,
        { type: 'image', attrs: { mediaId: 'm1', src: null, alt: 'Handshake', caption: '', credit: '' } },
      ],
    };
    expect(diffRevisions(base, { ...base, body: withImage })[0]?.changes.at(-1)).toEqual({
      op: 'added',
      value: '[Image: Handshake]',
    });
  });

  it('diffs lists item by item', () => {
    const after = { ...base, tags: ['europe', 'diplomacy', 'nato'] };
    expect(diffRevisions(base, after)).toEqual([
      {
        field: 'tags',
        kind: 'list',
        changes: [
          { op: 'same', value: 'europe' },
          { op: 'removed', value: 'defence' },
          { op: 'same', value: 'diplomacy' },
          { op: 'added', value: 'nato' },
        ],
      },
    ]);
  });

  it('reports a reordered list', () => {
    const [diff] = diffRevisions(base, { ...base, tags: ['defence', 'europe', 'diplomacy'] });
    expect(diff?.kind).toBe('list');
    expect(diff?.changes.filter((c) => c.op !== 'same')).toHaveLength(2);
  });

  it('reads null as empty text and lists fields in order, the changed ones only', () => {
    const after = { ...base, dateline: 'KYIV, Ukraine —', dek: base.dek, sectionId: null };
    expect(diffRevisions(base, after)).toEqual([
      { field: 'dateline', kind: 'text', changes: [{ op: 'added', value: 'KYIV, Ukraine —' }] },
      { field: 'sectionId', kind: 'text', changes: [{ op: 'removed', value: 'world' }] },
    ]);
    expect(diffRevisions({ ...base, dateline: '' }, base)).toEqual([]);
  });

  it('shows a change of spacing alone rather than a diff with no change in it', () => {
    const [diff] = diffRevisions(base, { ...base, dek: 'A first visit  since the war began.' });
    expect(diff?.changes).toContainEqual({ op: 'added', value: '  ' });
    expect(diff?.changes).toContainEqual({ op: 'removed', value: ' ' });
  });

  it('handles fields present on one side only, and a body compared with an empty one', () => {
    const before: Record<string, string | string[] | ArticleDocument | undefined> = {
      body: { type: 'doc', content: [] },
      removed: 'gone',
    };
    const after: Record<string, string | string[] | ArticleDocument | undefined> = {
      body: body('Hello.'),
      authors: ['a1'],
    };
    expect(diffRevisions(before, after)).toEqual([
      { field: 'body', kind: 'text', changes: [{ op: 'added', value: 'Hello.' }] },
      { field: 'removed', kind: 'text', changes: [{ op: 'removed', value: 'gone' }] },
      { field: 'authors', kind: 'list', changes: [{ op: 'added', value: 'a1' }] },
    ]);
  });

  it('does not show a change of formatting alone in the body (the diff compares text)', () => {
    const bold: ArticleDocument = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'First paragraph.', marks: [{ type: 'bold' }] }],
        },
        ...base.body.content.slice(1),
      ],
    };
    expect(diffRevisions(base, { ...base, body: bold })).toEqual([]);
  });
});
