import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { bodyExtensions } from './body-schema';
import { findQuote, quoteOf } from './comment-anchor';

const schema = getSchema(bodyExtensions);
const doc = (...paragraphs: string[]) =>
  schema.nodeFromJSON({
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  });

describe('comment anchors by their quote (the text-quote selector, ADR 0034)', () => {
  it('quotes a selection with up to 32 characters either side, across paragraphs', () => {
    const body = doc(
      'The harbour reopened on Monday after a week of storms closed the quay.',
      'Ferries sail.',
    );
    const from = 1 + 'The harbour reopened on Monday after '.length;
    const quoted = quoteOf(body, from, from + 'a week of storms'.length);
    expect(quoted).toEqual({
      quote: 'a week of storms',
      prefix: 'e harbour reopened on Monday after '.slice(-32),
      suffix: ' closed the quay.\nFerries sail.',
    });
  });

  it('finds the quote where its context matches best, and gives its document positions', () => {
    const body = doc('Storms closed the quay.', 'After storms closed the road, the quay reopened.');
    const found = findQuote(body, { quote: 'storms closed the', prefix: 'After ', suffix: ' road' });
    expect(found).not.toBeNull();
    expect(body.textBetween(found!.from, found!.to)).toBe('storms closed the');
    expect(found!.from).toBeGreaterThan(body.firstChild!.nodeSize);
  });

  it('finds nothing once the passage is gone', () => {
    expect(
      findQuote(doc('The quay is open.'), { quote: 'a week of storms', prefix: '', suffix: '' }),
    ).toBeNull();
  });
});
