import { api } from '../api/client';
import type { Media } from '../api/types';
import { later } from '../shell/later';

/** The library dialog, for the lead photo and for photos in the body; loaded on first use. */
export const PhotoLibrary = later(() => import('./PhotoLibrary').then((m) => m.PhotoLibrary));

/** The types the server takes (it checks the bytes again); anything else is refused before sending. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'];

/** Sends a photo file to the library (POST /media, the raw file); the answer carries its IPTC/XMP metadata. */
export function uploadPhoto(file: File): Promise<Media> {
  return api<Media>('/media', { method: 'POST', body: file });
}

/** A JPEG of the photo about `width` wide for the editor: the upload's fallback until the ladder is ready. */
export function photoUrl(media: Media, width = 800): string | null {
  const jpegs = (media.variants ?? (media.thumbnail ? [media.thumbnail] : []))
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
