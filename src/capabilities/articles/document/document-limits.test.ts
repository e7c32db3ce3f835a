import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from './document.js';
import { checkDocument } from './document-schema.js';

const text = (value: string, ...marks: unknown[]) =>
  marks.length ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const link = (href: unknown) => ({ type: 'link', attrs: { href } });

function refusal(input: unknown): { path: string; message: string } {
  const check = checkDocument(input);
  if (check.ok) throw new Error(`expected a refusal, got ${JSON.stringify(check.document).slice(0, 200)}`);
  return { path: check.path, message: check.message };
}

function nestedQuotes(levels: number): unknown {
  let node: unknown = para(text('deep'));
  for (let i = 0; i < levels; i++) node = { type: 'blockquote', content: [node] };
  return doc(node);
}

const marked = (...marks: unknown[]) => doc(para(text('x', ...marks)));

describe('checkDocument limits and addresses', () => {
  it('accepts nesting of exactly 20 levels and exactly 10,000 nodes', () => {
    expect(checkDocument(nestedQuotes(18)).ok).toBe(true); // 18 quotations, a paragraph at 19, its text at 20
    const paragraphs = Array.from({ length: 5000 }, (_, i) => para(text(`Paragraph ${i}.`)));
    expect(checkDocument(doc(...paragraphs)).ok).toBe(true);
  });

  it('names the exact mark of an unsafe link, deep in the body', () => {
    const body = doc(
      para(),
      para(),
      para(),
      para(text('Click', { type: 'bold' }, link('javascript:alert(1)'))),
    );
    expect(refusal(body)).toEqual({
      path: 'content[3].content[0].marks[1].attrs.href',
      message:
        'The link address must start with https://, http://, mailto: or / (a page on this site); "javascript:" addresses are never allowed.',
    });
  });

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'javascript\u0000:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    '//evil.example',
    '/\\evil.example',
    'https://bank.example@evil.example/',
    'https://',
    'ftp://files.example/a',
    'page.html',
    '#section',
    'mailto:',
    '',
    `https://example.com/${'a'.repeat(2048)}`,
  ])('refuses the link address %j', (href) => {
    expect(refusal(marked(link(href))).path).toBe('content[0].content[0].marks[0].attrs.href');
  });

  it.each([
    'https://example.com',
    'HTTP://EXAMPLE.COM/A?b=1#c',
    'mailto:desk@ledger.example',
    '/2026/11/16/visit',
  ])('accepts the link address %j', (href) => {
    expect(checkDocument(marked(link(href))).ok).toBe(true);
  });

  it('refuses nesting past 20 levels at the first node too deep', () => {
    // 19 quotations, a paragraph at depth 20, its text at 21.
    expect(refusal(nestedQuotes(19))).toEqual({
      path: `content[0]${'.content[0]'.repeat(20)}`,
      message: 'Content is nested more than 20 levels deep here; flatten it.',
    });
  });

  it('stops at a cycle instead of walking forever', () => {
    const quote: { type: string; content: unknown[] } = { type: 'blockquote', content: [] };
    quote.content.push(quote);
    expect(refusal(doc(quote)).message).toContain('nested more than 20 levels');
  });

  it('refuses more than 10,000 nodes', () => {
    const paragraphs = Array.from({ length: 5000 }, () => para(text('a')));
    expect(refusal(doc(...paragraphs, para()))).toEqual({
      path: '',
      message:
        'The body has more than 10,000 parts (paragraphs, text runs, list items and so on). Split the article into parts.',
    });
  });

  it('refuses a body over 500 KB of JSON, counting bytes rather than characters', () => {
    const ascii = doc(para(text('a'.repeat(MAX_DOCUMENT_BYTES))));
    expect(refusal(ascii)).toMatchObject({
      path: '',
      message: expect.stringContaining('the most is 500 KB'),
    });
    // 200,000 characters of Cyrillic are 400,000 bytes: fine. 300,000 are 600,000 bytes: too large.
    expect(checkDocument(doc(para(text('ж'.repeat(200_000))))).ok).toBe(true);
    expect(refusal(doc(para(text('ж'.repeat(300_000))))).message).toContain('587 KB');
  });

  it('refuses values JSON cannot hold, even in keys it would drop', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(refusal({ ...doc(para()), extra: cyclic })).toEqual({
      path: '',
      message: 'The body must be plain JSON data (it holds a value JSON cannot write).',
    });
    expect(refusal({ ...doc(para()), extra: 10n }).path).toBe('');
  });
});
