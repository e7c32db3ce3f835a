import { describe, expect, it } from 'vitest';
import type { BodyDocument } from '../api/types';
import { rebaseWork, type StoryFields } from './story-fields';

const doc = (text: string): BodyDocument => ({
  type: 'doc',
  content: text ? [{ type: 'paragraph', content: [{ type: 'text', text }] }] : [],
});

const base: StoryFields = {
  headline: 'Sea wall closed',
  dek: '',
  dateline: '',
  section: null,
  tags: [],
  access: 'metered',
  body: doc(''),
  authorIds: [],
  bylineSuffix: '',
  seoHeadline: '',
  seoDescription: '',
  leadImage: null,
  embargoUntil: null,
};

describe('rebaseWork: no false conflicts, no lost edits', () => {
  it("takes the other person's change to a field this device left alone, and keeps this device's own", () => {
    const theirs = { ...base, dek: 'Their dek.' };
    const mine = { ...base, body: doc('My paragraph.') };
    expect(rebaseWork(base, theirs, mine, undefined)).toEqual({
      ...base,
      dek: 'Their dek.',
      body: doc('My paragraph.'),
    });
  });

  it("recognises this device's own save whose answer was lost, and keeps typing made since", () => {
    const sent = { body: doc('Waves broke') };
    const theirs = { ...base, body: doc('Waves broke') };
    const mine = { ...base, body: doc('Waves broke over the sea wall.'), dek: 'Shut until the tide turns.' };
    expect(rebaseWork(base, theirs, mine, sent)).toEqual(mine);
  });

  it('asks (null) when both changed the same field differently', () => {
    const theirs = { ...base, headline: 'Sea wall shut' };
    const mine = { ...base, headline: 'Sea wall closed for a week' };
    expect(rebaseWork(base, theirs, mine, undefined)).toBeNull();
    expect(rebaseWork(base, theirs, mine, { headline: 'Something else' })).toBeNull();
  });

  it('is no conflict when both made the same change', () => {
    const both = { ...base, headline: 'Sea wall shut' };
    expect(rebaseWork(base, both, both, undefined)).toEqual(both);
  });
});
