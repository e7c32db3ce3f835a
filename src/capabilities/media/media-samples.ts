import zlib from 'node:zlib';
import sharp from 'sharp';

/**
 * Real image files made on the spot, for tests and the bench: nothing is checked in, and each
 * carries exactly the metadata a test asks for.
 */

export interface SampleOptions {
  width?: number;
  height?: number;
  format?: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';
  /** A photo-like texture (blurred noise) instead of flat colour: what the bench encodes. */
  texture?: boolean;
  /** EXIF IFDs as sharp writes them: IFD0 (Artist, Copyright, ImageDescription), IFD2 (Exif), IFD3 (GPS). */
  exif?: Record<string, Record<string, string>>;
  /** A whole XMP packet (see xmpPacket). */
  xmp?: string;
}

export async function samplePhoto(options: SampleOptions = {}): Promise<Buffer> {
  const width = options.width ?? 640;
  const height = options.height ?? 427;
  let image = options.texture
    ? sharp({
        create: {
          width,
          height,
          channels: 3,
          background: '#808080',
          noise: { type: 'gaussian', mean: 128, sigma: 40 },
        },
      }).blur(3)
    : sharp({ create: { width, height, channels: 3, background: { r: 51, g: 102, b: 153 } } });
  // Round-tripping through PNG fixes the texture, so the encoder sees a finished picture.
  if (options.texture) image = sharp(await image.png().toBuffer());
  const format = options.format ?? 'jpeg';
  image = format === 'jpeg' ? image.jpeg({ quality: 90 }) : image.toFormat(format);
  if (options.exif) image = image.withExif(options.exif);
  if (options.xmp) image = image.withXmp(options.xmp);
  return image.toBuffer();
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(text)}</rdf:li></rdf:Alt>`;

/** An XMP packet with the IPTC Core fields newsroom tools (Photo Mechanic, Lightroom) write. */
export function xmpPacket(fields: {
  caption?: string;
  credit?: string;
  creators?: string[];
  rights?: string;
  usageTerms?: string;
  webStatement?: string;
  altText?: string;
  dateCreated?: string;
}): string {
  const parts: string[] = [];
  if (fields.caption !== undefined) parts.push(`<dc:description>${alt(fields.caption)}</dc:description>`);
  if (fields.creators) {
    parts.push(
      `<dc:creator><rdf:Seq>${fields.creators.map((c) => `<rdf:li>${xml(c)}</rdf:li>`).join('')}</rdf:Seq></dc:creator>`,
    );
  }
  if (fields.rights !== undefined) parts.push(`<dc:rights>${alt(fields.rights)}</dc:rights>`);
  if (fields.credit !== undefined) parts.push(`<photoshop:Credit>${xml(fields.credit)}</photoshop:Credit>`);
  if (fields.dateCreated !== undefined) {
    parts.push(`<photoshop:DateCreated>${xml(fields.dateCreated)}</photoshop:DateCreated>`);
  }
  if (fields.usageTerms !== undefined)
    parts.push(`<xmpRights:UsageTerms>${alt(fields.usageTerms)}</xmpRights:UsageTerms>`);
  if (fields.webStatement !== undefined) {
    parts.push(`<xmpRights:WebStatement>${xml(fields.webStatement)}</xmpRights:WebStatement>`);
  }
  if (fields.altText !== undefined) {
    parts.push(
      `<Iptc4xmpCore:AltTextAccessibility>${alt(fields.altText)}</Iptc4xmpCore:AltTextAccessibility>`,
    );
  }
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"',
    ' xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">',
    ...parts,
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
  ].join('');
}

/** IPTC IIM dataset numbers (record 2) agencies fill in. */
export const IIM = {
  byline: 80,
  credit: 110,
  copyright: 116,
  caption: 120,
  dateCreated: 55,
  timeCreated: 60,
} as const;

/**
 * A JPEG with an IPTC IIM block (the Photoshop APP13 segment wire services send) inserted after its
 * start marker. sharp cannot write IIM, so the segment is built by hand; text is UTF-8, declared in
 * record 1:90 as the standard asks.
 */
export function withIptc(jpeg: Buffer, fields: [dataset: number, text: string][]): Buffer {
  const record = (rec: number, dataset: number, value: Buffer) => {
    const head = Buffer.from([0x1c, rec, dataset, 0, 0]);
    head.writeUInt16BE(value.length, 3);
    return Buffer.concat([head, value]);
  };
  const iim = Buffer.concat([
    record(1, 90, Buffer.from([0x1b, 0x25, 0x47])),
    record(2, 0, Buffer.from([0, 4])),
    ...fields.map(([dataset, text]) => record(2, dataset, Buffer.from(text, 'utf8'))),
  ]);
  const padded = iim.length % 2 ? Buffer.concat([iim, Buffer.from([0])]) : iim;
  const resource = Buffer.concat([
    Buffer.from('8BIM'),
    Buffer.from([0x04, 0x04, 0, 0]),
    Buffer.alloc(4),
    padded,
  ]);
  resource.writeUInt32BE(iim.length, 8);
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const marker = Buffer.from([0xff, 0xed, 0, 0]);
  marker.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), marker, payload, jpeg.subarray(2)]);
}

/** A real, tiny PNG whose header claims `width` x `height` (with a valid checksum): a decompression bomb's shape. */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29);
  return png;
}
