import { describe, expect, it } from 'vitest';
import {
  addedMentions,
  type CommentThread,
  checkAuthor,
  checkDeleteOpening,
  checkResolve,
} from './comment.js';

const eda = { staffId: 's-eda', tokenId: null, name: 'Eda Editor' };
const rhea = { staffId: 's-rhea', tokenId: null, name: 'Rhea Reporter' };
const wire = { staffId: null, tokenId: 't-wire', name: 'API token: wire' };

function thread(...authors: (typeof eda | typeof wire)[]): CommentThread {
  return {
    id: 'c0',
    articleId: 'a1',
    anchor: { field: 'body', start: null, end: null, quote: 'storms', prefix: '', suffix: '' },
    createdAt: '2026-11-16T09:00:00.000Z',
    resolved: null,
    comments: authors.map((author, i) => ({
      id: `c${i}`,
      threadId: 'c0',
      author,
      text: 'Hm.',
      mentions: [],
      createdAt: '2026-11-16T09:00:00.000Z',
      editedAt: null,
    })),
  };
}

describe('who may do what with comments', () => {
  it('lets only the author change a comment; a token’s comment is that token’s', () => {
    const [mine] = thread(eda).comments;
    expect(checkAuthor(eda, mine!)).toEqual({ ok: true });
    expect(checkAuthor(rhea, mine!)).toMatchObject({ ok: false, reason: 'author' });
    const [wires] = thread(wire).comments;
    expect(checkAuthor(wire, wires!)).toEqual({ ok: true });
    // Another token, or a person (staffId null never matches a token's comment by accident).
    expect(checkAuthor({ staffId: null, tokenId: 't-other' }, wires!).ok).toBe(false);
    expect(checkAuthor({ staffId: 's-eda', tokenId: null }, wires!).ok).toBe(false);
    expect(checkAuthor({ staffId: null, tokenId: null }, wires!).ok).toBe(false);
  });

  it('lets the article’s editors and the thread’s author resolve', () => {
    expect(checkResolve(rhea, thread(eda), true).ok).toBe(true);
    expect(checkResolve(eda, thread(eda, rhea), false).ok).toBe(true);
    expect(checkResolve(rhea, thread(eda, rhea), false)).toMatchObject({ ok: false, reason: 'resolve' });
  });

  it('deletes an opening comment only while every reply is the author’s own', () => {
    expect(checkDeleteOpening(thread(eda)).ok).toBe(true);
    expect(checkDeleteOpening(thread(eda, eda)).ok).toBe(true);
    const refused = checkDeleteOpening(thread(eda, rhea, wire, rhea));
    expect(refused).toMatchObject({ ok: false, reason: 'replies' });
    expect(!refused.ok && refused.message).toContain('Rhea Reporter, API token: wire replied');
  });

  it('mails only the people an edit adds', () => {
    expect(addedMentions(['a', 'b'], ['b', 'c', 'a', 'd'])).toEqual(['c', 'd']);
    expect(addedMentions(['a'], [])).toEqual([]);
  });
});
