import type { MediaFormat } from './media.js';

/**
 * What a file is, from its first bytes (its "magic number"), never from its name or the type the
 * client claimed: a script named photo.jpg is text, and text is refused. Pure.
 */
export function sniffFormat(bytes: Uint8Array): MediaFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (isoBrands(bytes).some((brand) => brand === 'avif' || brand === 'avis')) return 'avif';
  return null;
}

/** A few words on what a refused file seems to be, so the error tells the desk what went wrong. */
export function describeRefused(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').trimStart().toLowerCase();
  if (head.includes('<svg')) return 'an SVG drawing (it can carry scripts)';
  if (head.startsWith('<')) return 'a markup or script file';
  const brands = isoBrands(bytes);
  if (brands.some((b) => b.startsWith('hei') || b.startsWith('hev') || b === 'mif1')) return 'a HEIC photo';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'a TIFF image';
  }
  if (ascii(bytes, 0, 5) === '%PDF-') return 'a PDF document';
  if (bytes.length === 0) return 'empty';
  return 'not an image this desk takes';
}

/** The major and compatible brands of an ISO media file's leading `ftyp` box (AVIF, HEIC, MP4). */
function isoBrands(bytes: Uint8Array): string[] {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return [];
  const size = Math.min(Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32BE(0), bytes.length, 256);
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(bytes, at, at + 4));
  return brands;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  if (bytes.length < to) return '';
  return Buffer.from(bytes.subarray(from, to)).toString('latin1');
}
