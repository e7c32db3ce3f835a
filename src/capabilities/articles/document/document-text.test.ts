import { describe, expect, it } from 'vitest';
import { type ArticleDocument, emptyDocument } from './document.js';
import {
  countTextWords,
  countWords,
  documentToLines,
  documentToPlainText,
  readingMinutes,
} from './document-text.js';

const body: ArticleDocument = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'The visit' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'KYIV — The ' },
        { type: 'text', text: 'secretary general', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' arrived.' },
        { type: 'hardBreak' },
        { type: 'text', text: 'Second line.' },
      ],
    },
    { type: 'paragraph' },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We stand.' }] }] },
    {
      type: 'pullQuote',
      attrs: { attribution: 'A minister' },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Never again.' }] }],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'First item' }] },
            {
              type: 'orderedList',
              attrs: { start: 1 },
              content: [
                {
                  type: 'listItem',
                  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nested' }] }],
                },
              ],
            },
          ],
        },
      ],
    },
    { type: 'horizontalRule' },
    {
      type: 'image',
      attrs: {
        mediaId: 'm1',
        src: null,
        alt: 'Two men shake hands',
        caption: 'At headquarters.',
        credit: 'Agency/Name',
      },
    },
    { type: 'image', attrs: { mediaId: 'm2', src: null, alt: '', caption: '', credit: '' } },
    { type: 'embed', attrs: { url: 'https://video.example/1', provider: null, caption: 'The remarks' } },
    { type: 'embed', attrs: { url: 'https://video.example/2', provider: 'youtube', caption: null } },
  ],
};

describe('documentToPlainText', () => {
  it('gives every block readers see as text, separated by blank lines, without alt text, credits or addresses', () => {
    expect(documentToPlainText(body)).toBe(
      [
        'The visit',
        'KYIV — The secretary general arrived.\nSecond line.',
        'We stand.',
        'Never again.',
        'A minister',
        'First item',
        'Nested',
        'At headquarters.',
        'The remarks',
      ].join('\n\n'),
    );
  });

  it('is empty for an empty body, including one with no content at all', () => {
    expect(documentToPlainText(emptyDocument())).toBe('');
    expect(documentToPlainText({ type: 'doc', content: [] })).toBe('');
  });
});

describe('documentToLines', () => {
  it('gives one line per block and per hard break, with notes for images and embeds', () => {
    expect(documentToLines(body)).toEqual([
      'The visit',
      'KYIV — The secretary general arrived.',
      'Second line.',
      'We stand.',
      'Never again.',
      'A minister',
      'First item',
      'Nested',
      '[Image: Two men shake hands] At headquarters. Credit: Agency/Name',
      '[Image]',
      '[Embed: https://video.example/1] The remarks',
      '[Embed: https://video.example/2]',
    ]);
  });
});

describe('countWords', () => {
  it('counts the words of the plain text', () => {
    // The visit (2) KYIV The secretary general arrived Second line (7) We stand (2) Never again (2) A minister (2)
    // First item (2) Nested (1) At headquarters (2) The remarks (2); the dash is not a word.
    expect(countWords(body)).toBe(22);
    expect(countWords(emptyDocument())).toBe(0);
  });

  it('counts as a word processor does', () => {
    expect(countTextWords("A state-of-the-art plan, isn't it?")).toBe(5);
    expect(countTextWords('  1,200 troops — 3 days  ')).toBe(4);
    expect(countTextWords('— … !!')).toBe(0);
    expect(countTextWords('Привет, мир')).toBe(2);
    expect(countTextWords('東京に行きます Tokyo')).toBe(8);
  });
});

describe('readingMinutes', () => {
  it('reads 230 words a minute, rounded, at least one minute', () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(100)).toBe(1);
    expect(readingMinutes(344)).toBe(1);
    expect(readingMinutes(345)).toBe(2);
    expect(readingMinutes(2300)).toBe(10);
    expect(readingMinutes(Number.NaN)).toBe(1);
    expect(readingMinutes(-5)).toBe(1);
  });
});

describe('emptyDocument', () => {
  it('is one empty paragraph, a new object every time', () => {
    const first = emptyDocument();
    expect(first).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    first.content.push({ type: 'horizontalRule' });
    expect(emptyDocument().content).toHaveLength(1);
  });
});
