import { describe, expect, it } from 'vitest';
import type { MediaVariant, MediaWithVariants } from './media.js';
import { imageObjectJsonLd, pictureSources } from './media-picture.js';

function variant(
  kind: 'width' | 'social',
  format: 'avif' | 'webp' | 'jpeg',
  width: number,
  height: number,
): MediaVariant {
  const ext = format === 'jpeg' ? 'jpg' : format;
  const name = `${'a'.repeat(20)}-${kind === 'social' ? `${width}x${height}` : width}.${ext}`;
  return { kind, format, width, height, bytes: 1000, name, url: `/media/${name}` };
}

const ladder = [320, 640, 960, 1280].flatMap((w) =>
  (['avif', 'webp', 'jpeg'] as const).map((f) => variant('width', f, w, (w * 3) / 4)),
);

const photo: MediaWithVariants = {
  id: 'm1',
  format: 'jpeg',
  mimeType: 'image/jpeg',
  bytes: 1,
  width: 1280,
  height: 960,
  sha256: 'x',
  originalName: '',
  altText: 'The secretary general speaks',
  caption: 'At headquarters, November 16.',
  credit: 'Agency/Jane Doe',
  creator: 'Jane Doe',
  copyrightNotice: '© 2026 Agency',
  usageTerms: 'Editorial use only',
  licenseUrl: 'https://agency.example/licence',
  takenAt: '2026-11-15T10:20:30.000Z',
  focalPoint: { x: 0.25, y: 0.333 },
  variantsStatus: 'ready',
  uploadedBy: { staffId: null, name: 'API token' },
  createdAt: '2026-11-16T09:00:00.000Z',
  updatedAt: '2026-11-16T09:00:00.000Z',
  variants: [...ladder.reverse(), variant('social', 'jpeg', 1200, 630)],
};

describe('pictureSources', () => {
  it('gives a srcset per format in rising width, a 960 JPEG fallback with its size, and the focal position', () => {
    expect(pictureSources(photo, photo.variants)).toEqual({
      avif: '/media/aaaaaaaaaaaaaaaaaaaa-320.avif 320w, /media/aaaaaaaaaaaaaaaaaaaa-640.avif 640w, /media/aaaaaaaaaaaaaaaaaaaa-960.avif 960w, /media/aaaaaaaaaaaaaaaaaaaa-1280.avif 1280w',
      webp: '/media/aaaaaaaaaaaaaaaaaaaa-320.webp 320w, /media/aaaaaaaaaaaaaaaaaaaa-640.webp 640w, /media/aaaaaaaaaaaaaaaaaaaa-960.webp 960w, /media/aaaaaaaaaaaaaaaaaaaa-1280.webp 1280w',
      jpeg: '/media/aaaaaaaaaaaaaaaaaaaa-320.jpg 320w, /media/aaaaaaaaaaaaaaaaaaaa-640.jpg 640w, /media/aaaaaaaaaaaaaaaaaaaa-960.jpg 960w, /media/aaaaaaaaaaaaaaaaaaaa-1280.jpg 1280w',
      width: 960,
      height: 720,
      fallbackSrc: '/media/aaaaaaaaaaaaaaaaaaaa-960.jpg',
      objectPosition: '25% 33.3%',
    });
  });

  it('falls back to the largest JPEG of a small photo, and gives null before the files exist', () => {
    const small = [variant('width', 'jpeg', 320, 240), variant('width', 'jpeg', 500, 375)];
    expect(pictureSources(photo, small)).toMatchObject({
      fallbackSrc: '/media/aaaaaaaaaaaaaaaaaaaa-500.jpg',
      width: 500,
    });
    expect(pictureSources(photo, [])).toBeNull();
  });
});

describe('imageObjectJsonLd', () => {
  it('carries the credit, creator, copyright and licence, with absolute URLs', () => {
    expect(imageObjectJsonLd(photo, { baseUrl: 'https://news.example' })).toEqual({
      '@type': 'ImageObject',
      contentUrl: 'https://news.example/media/aaaaaaaaaaaaaaaaaaaa-1280.jpg',
      url: 'https://news.example/media/aaaaaaaaaaaaaaaaaaaa-1280.jpg',
      width: 1280,
      height: 960,
      caption: 'At headquarters, November 16.',
      creditText: 'Agency/Jane Doe',
      creator: { '@type': 'Person', name: 'Jane Doe' },
      copyrightNotice: '© 2026 Agency',
      license: 'https://agency.example/licence',
      dateCreated: '2026-11-15T10:20:30.000Z',
      thumbnailUrl: 'https://news.example/media/aaaaaaaaaaaaaaaaaaaa-1200x630.jpg',
    });
  });

  it('takes an article’s own caption and credit, and leaves out what is not known', () => {
    const bare = { ...photo, creator: '', copyrightNotice: '', licenseUrl: '', takenAt: null };
    const object = imageObjectJsonLd(bare, { caption: 'Per-use caption', creditText: 'Ledger/Staff' });
    expect(object).toMatchObject({ caption: 'Per-use caption', creditText: 'Ledger/Staff' });
    expect(object).not.toHaveProperty('creator');
    expect(object).not.toHaveProperty('license');
    expect(object).not.toHaveProperty('dateCreated');
    expect(imageObjectJsonLd({ ...photo, variants: [] })).toBeNull();
  });
});
