import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CENTRE } from './media.js';
import { inspectImage, renderLadderJpeg, renderVariants } from './media-images.js';
import { pngClaiming, samplePhoto } from './media-samples.js';
import { sniffFormat } from './media-sniff.js';

describe('inspectImage: the type comes from the content', () => {
  it('accepts each of the five formats, with its upright size', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'avif', 'gif'] as const) {
      const result = await inspectImage(await samplePhoto({ format, width: 40, height: 30 }));
      expect(result).toMatchObject({ ok: true, format, width: 40, height: 30 });
    }
  });

  it('reports the upright size of a photo the camera held sideways', async () => {
    const sideways = await sharp(await samplePhoto({ width: 40, height: 30 }))
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await inspectImage(sideways)).toMatchObject({ ok: true, width: 30, height: 40 });
  });

  it('refuses a script named .jpg, an SVG, a TIFF and an empty file', async () => {
    const cases: [Buffer, string][] = [
      [Buffer.from('#!/bin/sh\nrm -rf /\n'), 'not an image'],
      [Buffer.from('<script>alert(1)</script>'), 'markup or script'],
      [Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'SVG'],
      [
        await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
          .tiff()
          .toBuffer(),
        'TIFF',
      ],
      [Buffer.alloc(0), 'empty'],
    ];
    for (const [bytes, words] of cases) {
      const result = await inspectImage(bytes);
      expect(result).toMatchObject({ ok: false, reason: 'type' });
      expect(result.ok ? '' : result.message).toContain(words);
    }
  });

  it('refuses a PNG signature in front of something else', async () => {
    const fake = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('not png'),
    ]);
    expect(await inspectImage(fake)).toMatchObject({ ok: false });
  });

  it('refuses a PNG whose header claims a huge canvas, before decoding it', async () => {
    const result = await inspectImage(await pngClaiming(100_000, 100_000));
    expect(result).toMatchObject({ ok: false, reason: 'pixels' });
    expect(result.ok ? '' : result.message).toContain('100000 x 100000');
  });

  it('refuses a photo cut short in transfer', async () => {
    const whole = await samplePhoto({ width: 400, height: 300, texture: true });
    expect(await inspectImage(whole.subarray(0, whole.length / 2))).toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
  });

  it('tells AVIF from other ISO media files by brand', () => {
    const ftyp = (brands: string) =>
      Buffer.concat([Buffer.from([0, 0, 0, 4 + 4 + brands.length]), Buffer.from(`ftyp${brands}`)]);
    expect(sniffFormat(ftyp('avif\0\0\0\0mif1'))).toBe('avif');
    expect(sniffFormat(ftyp('mif1\0\0\0\0avif'))).toBe('avif');
    expect(sniffFormat(ftyp('heic\0\0\0\0mif1'))).toBeNull();
  });
});

describe('renderVariants', () => {
  it('makes the ladder in three formats, and the social crop, without enlarging', async () => {
    const original = await samplePhoto({ width: 1000, height: 800 });
    const out = await renderVariants(original, {
      width: 1000,
      height: 800,
      ladder: true,
      social: { x: 0.5, y: 0.5 },
    });
    const ladder = out.filter((v) => v.kind === 'width').map((v) => `${v.format}:${v.width}x${v.height}`);
    expect(ladder).toEqual([
      'avif:320x256',
      'webp:320x256',
      'jpeg:320x256',
      'avif:640x512',
      'webp:640x512',
      'jpeg:640x512',
      'avif:960x768',
      'webp:960x768',
      'jpeg:960x768',
      'avif:1000x800',
      'webp:1000x800',
      'jpeg:1000x800',
    ]);
    // 1000 wide is too narrow for 1200x630: the crop keeps its shape at its own size.
    const social = out.find((v) => v.kind === 'social')!;
    expect([social.width, social.height]).toEqual([1000, 525]);
    for (const variant of out) {
      const meta = await sharp(variant.data).metadata();
      expect(meta.format).toBe(variant.format === 'avif' ? 'heif' : variant.format);
      expect([meta.width, meta.height]).toEqual([variant.width, variant.height]);
    }
  });

  it('cuts a full-size social crop from a panorama', async () => {
    const original = await samplePhoto({ width: 6000, height: 1000 });
    const out = await renderVariants(original, {
      width: 6000,
      height: 1000,
      ladder: false,
      social: { x: 1, y: 0.5 },
    });
    expect(out.map((v) => [v.kind, v.width, v.height])).toEqual([['social', 1200, 630]]);
  });
});

describe("renderLadderJpeg: the upload's fallback is the ladder's own file (ADR 0013)", () => {
  const cases = [
    { name: 'a landscape photo', width: 1200, height: 800, step: 960 },
    // The social crop of a panorama needs a working copy wider than the ladder's top step.
    { name: 'a panorama', width: 2800, height: 600, step: 960 },
    { name: 'a photo narrower than the fallback width', width: 700, height: 500, step: 700 },
  ];
  for (const { name, width, height, step } of cases) {
    it(`cuts the very bytes the whole ladder makes, whatever the focal point, for ${name}`, async () => {
      const photo = await samplePhoto({ width, height, texture: true });
      const alone = await renderLadderJpeg(photo, { width, height, ladder: true, social: CENTRE }, step);
      // The job may run after the desk moved the focal point: the crop moves, its size does not.
      const all = await renderVariants(photo, { width, height, ladder: true, social: { x: 0.1, y: 0.9 } });
      const same = all.find((v) => v.kind === 'width' && v.format === 'jpeg' && v.width === step)!;
      expect(alone).toMatchObject({ kind: 'width', format: 'jpeg', width: step, height: same.height });
      expect(alone.data.equals(same.data)).toBe(true);
    });
  }

  it('refuses a width that is not a step of the ladder', async () => {
    const photo = await samplePhoto({ width: 700, height: 500 });
    await expect(
      renderLadderJpeg(photo, { width: 700, height: 500, ladder: true, social: null }, 960),
    ).rejects.toThrow('no 960 px step');
  });
});
