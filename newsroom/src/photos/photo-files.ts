import { sendFile } from '../api/client';
import type { Media } from '../api/types';

/** The types the server takes (it checks the bytes again); anything else is refused before sending. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'];

/**
 * Sends a photo file to the library (POST /media, the raw file); the answer carries its IPTC/XMP metadata.
 * `onProgress` hears the share of the file sent so far.
 */
export function uploadPhoto(file: File, onProgress: (share: number) => void = () => {}): Promise<Media> {
  return sendFile<Media>('/media', file, onProgress);
}

/**
 * A JPEG of the photo about `width` wide for the editor: the upload's fallback until the ladder is ready.
 * A library item has only its thumbnail (WebP once made): that, whatever its format.
 */
export function photoUrl(media: Media, width = 800): string | null {
  if (!media.variants) return media.thumbnail?.url ?? null;
  const jpegs = media.variants
    .filter((v) => v.format === 'jpeg' && v.kind === 'width')
    .sort((a, b) => a.width - b.width);
  return (jpegs.find((v) => v.width >= width) ?? jpegs.at(-1))?.url ?? null;
}

/** The credit a photo's metadata gives: IPTC Credit Line, else its creator (the photographer). */
export function creditOf(media: Media): string {
  return media.credit || media.creator;
}

/** The first image file among dropped or pasted files. */
export function photoFileOf(files: FileList | null | undefined): File | null {
  return [...(files ?? [])].find((file) => PHOTO_TYPES.includes(file.type)) ?? null;
}
