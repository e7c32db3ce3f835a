import { describe, expect, it } from 'vitest';
import { checkMediaChanges, cleanText, clip, focalCrop, missingCredits, variantWidths } from './media.js';

describe('variantWidths', () => {
  it('climbs the ladder up to the top step for a large photo', () => {
    expect(variantWidths(4000)).toEqual([320, 640, 960, 1280, 1600, 2000]);
    expect(variantWidths(2000)).toEqual([320, 640, 960, 1280, 1600, 2000]);
  });

  it('never upscales: stops at the original width, which becomes the top step', () => {
    expect(variantWidths(1000)).toEqual([320, 640, 960, 1000]);
    expect(variantWidths(640)).toEqual([320, 640]);
    expect(variantWidths(200)).toEqual([200]);
  });
});

describe('focalCrop', () => {
  const social = { width: 1200, height: 630 };

  it('takes the full width of a tall photo and centres on the focal point', () => {
    const box = focalCrop({ width: 1000, height: 2000 }, social, { x: 0.5, y: 0.25 });
    expect(box).toEqual({ left: 0, top: 238, width: 1000, height: 525 });
  });

  it('takes the full height of a panorama and keeps the focal point at the edge in frame', () => {
    const box = focalCrop({ width: 6000, height: 1000 }, social, { x: 1, y: 0.5 });
    expect(box).toEqual({ left: 6000 - 1905, top: 0, width: 1905, height: 1000 });
    expect(focalCrop({ width: 6000, height: 1000 }, social, { x: 0, y: 0 }).left).toBe(0);
  });

  it('keeps the box inside the image for any focal point', () => {
    for (const x of [0, 0.1, 0.5, 0.9, 1]) {
      for (const y of [0, 0.3, 1]) {
        const box = focalCrop({ width: 2400, height: 1600 }, social, { x, y });
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.left + box.width).toBeLessThanOrEqual(2400);
        expect(box.top + box.height).toBeLessThanOrEqual(1600);
        expect(box.width / box.height).toBeCloseTo(1200 / 630, 2);
      }
    }
  });
});

describe('checkMediaChanges', () => {
  it('trims text and keeps a focal point inside 0..1', () => {
    const check = checkMediaChanges({ credit: '  Agency/Jane Doe ', focalPoint: { x: 0, y: 1 } });
    expect(check).toEqual({ ok: true, value: { credit: 'Agency/Jane Doe', focalPoint: { x: 0, y: 1 } } });
  });

  it('names the field of the first problem', () => {
    expect(checkMediaChanges({ focalPoint: { x: 0.5, y: 1.2 } })).toMatchObject({
      ok: false,
      field: 'focalPoint.y',
    });
    expect(checkMediaChanges({ focalPoint: { x: Number.NaN, y: 0 } })).toMatchObject({
      ok: false,
      field: 'focalPoint.x',
    });
    expect(checkMediaChanges({ credit: 'x'.repeat(301) })).toMatchObject({ ok: false, field: 'credit' });
    expect(checkMediaChanges({ licenseUrl: 'javascript:alert(1)' })).toMatchObject({
      ok: false,
      field: 'licenseUrl',
    });
  });

  it('lets a field be emptied', () => {
    expect(checkMediaChanges({ licenseUrl: '', caption: '   ' })).toEqual({
      ok: true,
      value: { licenseUrl: '', caption: '' },
    });
  });
});

describe('text from files', () => {
  it('drops control characters but keeps caption line breaks', () => {
    expect(cleanText(' One\r\nTwo\u0000\u0007three\t ')).toBe('One\nTwo  three');
  });

  it('clips long metadata at a word', () => {
    const clipped = clip('The secretary general at headquarters, November 16.', 30);
    expect(clipped).toBe('The secretary general at…');
    expect(clipped.length).toBeLessThanOrEqual(30);
  });
});

describe('missingCredits', () => {
  it('names what a photo lacks before it may run', () => {
    expect(missingCredits({ credit: ' ', altText: '' })).toEqual(['credit', 'altText']);
    expect(missingCredits({ credit: 'Agency', altText: 'A man at a lectern' })).toEqual([]);
  });
});
