import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorIn } from '../../../test/support/comment-fixtures.js';
import { COMMENT_FIELDS } from './comment.js';
import { checkAnchor } from './comment-anchor.js';
import { AnchorJson } from './comment-schemas.js';

const PARAGRAPH = 'The harbour reopened on Monday after a week of storms closed the quay.';

describe('a thread’s anchor', () => {
  it('keeps relative positions that follow the passage as the text around it is edited', () => {
    // The client's document: positions made there still find the passage after others type before it.
    const doc = new Y.Doc();
    const text = doc.getText('headline');
    text.insert(0, 'Harbour Reopens After Storms');
    const at = (i: number) =>
      Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, i))).toString(
        'base64',
      );
    const checked = checkAnchor({ field: 'headline', start: at(8), end: at(15), quote: 'Reopens' });
    expect(checked).toMatchObject({
      ok: true,
      value: { field: 'headline', quote: 'Reopens', prefix: '', suffix: '' },
    });
    if (!checked.ok) return;
    text.insert(0, 'Breaking: ');
    const index = (b64: string) =>
      Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(b64, 'base64')), doc)!
        .index;
    const start = index(checked.value.start!);
    expect(text.toString().slice(start, index(checked.value.end!))).toBe('Reopens');
  });

  it('takes an anchor from the body, and one with the quote alone', () => {
    expect(checkAnchor(anchorIn(PARAGRAPH, 'a week of storms')).ok).toBe(true);
    expect(checkAnchor({ quote: 'Monday' })).toEqual({
      ok: true,
      value: { field: 'body', start: null, end: null, quote: 'Monday', prefix: '', suffix: '' },
    });
  });

  it('refuses what Y.encodeRelativePosition does not write, one end alone, and an empty or long quote', () => {
    const good = anchorIn(PARAGRAPH, 'a week of storms');
    const refused = (input: Parameters<typeof checkAnchor>[0]) => {
      const check = checkAnchor(input);
      return check.ok ? 'accepted' : check.field;
    };
    expect(refused({ ...good, start: '' })).toBe('anchor.start');
    expect(refused({ ...good, start: '%%%%' })).toBe('anchor.start');
    expect(refused({ ...good, start: Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]).toString('base64') })).toBe(
      'anchor.start',
    );
    expect(refused({ ...good, end: Buffer.from([255, 255, 255]).toString('base64') })).toBe('anchor.end');
    expect(refused({ ...good, end: null })).toBe('anchor.end');
    expect(refused({ ...good, start: undefined })).toBe('anchor.start');
    expect(refused({ ...good, quote: ' \n' })).toBe('anchor.quote');
    expect(refused({ ...good, quote: 'x'.repeat(1001) })).toBe('anchor.quote');
    expect(refused({ ...good, quote: 'x'.repeat(1000) })).toBe('accepted');
    expect(refused({ ...good, suffix: 'x'.repeat(65) })).toBe('anchor.suffix');
    expect(refused({ ...good, field: 'byline' })).toBe('anchor.field');
  });

  it('offers in its request schema exactly the fields the domain knows', () => {
    const literals = AnchorJson.properties.field.anyOf.map((t: { const: string }) => t.const);
    expect(literals).toEqual([...COMMENT_FIELDS]);
  });
});
