import type { Media } from '../api/types';
import { photoUrl } from './photo-files';
import './photo.css';

/** A photo in a grid of the library: its picture, caption (or file name) and credit. */
export function PhotoCard({ media }: { media: Media }) {
  const url = photoUrl(media, 200);
  return (
    <>
      {url ? <img src={url} alt="" /> : <span className="empty">No preview yet</span>}
      <span className="photo-caption">{media.caption || media.originalName}</span>
      <span className="detail">{media.credit || media.creator || 'No credit'}</span>
    </>
  );
}
