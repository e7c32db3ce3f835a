import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { creditsFromTags, readPhotoTags } from './media-metadata.js';
import { IIM, samplePhoto, withIptc, xmpPacket } from './media-samples.js';

async function creditsOf(file: Buffer) {
  return creditsFromTags(await readPhotoTags(await sharp(file).metadata()));
}

describe('credits read from a photo file', () => {
  it('reads the IPTC Core fields from XMP', async () => {
    const file = await samplePhoto({
      xmp: xmpPacket({
        caption: 'The secretary general at headquarters, November 16.',
        credit: 'Agency/Jane Doe & Co',
        creators: ['Jane Doe', 'John Roe'],
        rights: '© 2026 Agency',
        usageTerms: 'Editorial use only',
        webStatement: 'https://agency.example/licence',
        altText: 'A man speaks at a lectern',
        dateCreated: '2026-11-15T10:20:30+02:00',
      }),
    });
    expect(await creditsOf(file)).toEqual({
      altText: 'A man speaks at a lectern',
      caption: 'The secretary general at headquarters, November 16.',
      credit: 'Agency/Jane Doe & Co',
      creator: 'Jane Doe, John Roe',
      copyrightNotice: '© 2026 Agency',
      usageTerms: 'Editorial use only',
      licenseUrl: 'https://agency.example/licence',
      takenAt: '2026-11-15T08:20:30.000Z',
    });
  });

  it('reads an agency IPTC IIM block, in UTF-8', async () => {
    const file = withIptc(await samplePhoto(), [
      [IIM.byline, 'Zoë Ångström'],
      [IIM.credit, 'Wire/Zoë Ångström'],
      [IIM.caption, 'Kyiv, Ukraine — the alliance chief arrives.'],
      [IIM.copyright, '© Wire Service'],
      [IIM.dateCreated, '20261114'],
      [IIM.timeCreated, '183000+0200'],
    ]);
    expect(await creditsOf(file)).toMatchObject({
      creator: 'Zoë Ångström',
      credit: 'Wire/Zoë Ångström',
      caption: 'Kyiv, Ukraine — the alliance chief arrives.',
      copyrightNotice: '© Wire Service',
      takenAt: '2026-11-14T16:30:00.000Z',
    });
  });

  it('falls back to the camera EXIF, ignoring the filler cameras write as a description', async () => {
    const file = await samplePhoto({
      exif: {
        IFD0: {
          Artist: 'Camera Owner',
          Copyright: 'Camera Owner 2026',
          ImageDescription: 'OLYMPUS DIGITAL CAMERA',
        },
        IFD2: { DateTimeOriginal: '2026:11:15 10:20:30', OffsetTimeOriginal: '+01:00' },
      },
    });
    expect(await creditsOf(file)).toMatchObject({
      creator: 'Camera Owner',
      copyrightNotice: 'Camera Owner 2026',
      caption: '',
      credit: '',
      takenAt: '2026-11-15T09:20:30.000Z',
    });
  });

  it('prefers XMP over IIM over EXIF when a file has all three', async () => {
    const file = withIptc(
      await samplePhoto({
        exif: { IFD0: { Artist: 'exif artist', ImageDescription: 'exif caption' } },
        xmp: xmpPacket({ creators: ['xmp creator'] }),
      }),
      [
        [IIM.byline, 'iim byline'],
        [IIM.caption, 'iim caption'],
      ],
    );
    expect(await creditsOf(file)).toMatchObject({ creator: 'xmp creator', caption: 'iim caption' });
  });

  it('reads the same fields from WebP and PNG files', async () => {
    const xmp = xmpPacket({ credit: 'Agency/WebP' });
    const exif = { IFD0: { Artist: 'PNG Artist' } };
    expect((await creditsOf(await samplePhoto({ format: 'webp', xmp }))).credit).toBe('Agency/WebP');
    expect((await creditsOf(await samplePhoto({ format: 'png', exif }))).creator).toBe('PNG Artist');
  });

  it('gives empty credits for a file with no metadata', async () => {
    expect(await creditsOf(await samplePhoto({ format: 'gif' }))).toEqual({
      altText: '',
      caption: '',
      credit: '',
      creator: '',
      copyrightNotice: '',
      usageTerms: '',
      licenseUrl: '',
      takenAt: null,
    });
  });
});

describe('creditsFromTags', () => {
  it('picks the default language, decodes entities and refuses a licence that is not a web address', () => {
    const credits = creditsFromTags({
      xmp: {
        dc: {
          description: [
            { lang: 'fr', value: 'Légende' },
            { lang: 'x-default', value: 'Caption &lt;b&gt; &#233;t&#xE9;' },
          ],
        },
        xmpRights: { WebStatement: 'javascript:alert(1)' },
        photoshop: { DateCreated: '2026-11' },
      },
    });
    expect(credits.caption).toBe('Caption <b> été');
    expect(credits.licenseUrl).toBe('');
    expect(credits.takenAt).toBe('2026-11-01T00:00:00.000Z');
  });

  it('cuts overlong metadata instead of refusing the photo, and ignores impossible dates', () => {
    const credits = creditsFromTags({
      iptc: { Credit: 'x'.repeat(500) },
      exif: { DateTimeOriginal: '0000:00:00 00:00:00' },
    });
    expect(credits.credit.length).toBeLessThanOrEqual(300);
    expect(credits.takenAt).toBeNull();
  });
});
