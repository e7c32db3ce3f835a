import { useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, type MouseEvent, useState } from 'react';
import { api } from '../api/client';
import type { Media } from '../api/types';
import { photoUrl } from './photo-files';
import './photo.css';

const STEP = 0.05;
const clamp = (n: number) => Math.min(1, Math.max(0, Math.round(n * 1000) / 1000));

/**
 * The photo with its focal point: a click sets it, or the arrow keys move it; saved on the photo itself
 * (PATCH /media/:id), which every crop of the reader site keeps in frame. Used by the editor's lead photo
 * and the photo library.
 */
export function FocalPoint({ media }: { media: Media }) {
  const queries = useQueryClient();
  const [point, setPoint] = useState(media.focalPoint);
  const [problem, setProblem] = useState<string | null>(null);
  const url = photoUrl(media);

  async function save(next: { x: number; y: number }) {
    setPoint(next);
    try {
      const saved = await api<Media>(`/media/${media.id}`, { method: 'PATCH', body: { focalPoint: next } });
      queries.setQueryData(['media', media.id], saved);
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }
  const click = (event: MouseEvent<HTMLButtonElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    void save({
      x: clamp((event.clientX - box.left) / box.width),
      y: clamp((event.clientY - box.top) / box.height),
    });
  };
  const key = (event: KeyboardEvent<HTMLButtonElement>) => {
    const move: Record<string, [number, number]> = {
      ArrowLeft: [-STEP, 0],
      ArrowRight: [STEP, 0],
      ArrowUp: [0, -STEP],
      ArrowDown: [0, STEP],
    };
    const by = move[event.key];
    if (!by) return;
    event.preventDefault();
    void save({ x: clamp(point.x + by[0]), y: clamp(point.y + by[1]) });
  };
  const where = `${Math.round(point.x * 100)}% across, ${Math.round(point.y * 100)}% down`;
  return (
    <figure className="focal-photo">
      <button
        type="button"
        className="focal-frame"
        aria-label={`Focal point, ${where}. Click the photo or use the arrow keys to move it.`}
        onClick={click}
        onKeyDown={key}
        style={{ aspectRatio: `${media.width} / ${media.height}` }}
      >
        {url ? <img src={url} alt="" /> : <span className="empty">The photo is being prepared…</span>}
        <span className="focal-mark" style={{ left: `${point.x * 100}%`, top: `${point.y * 100}%` }} />
      </button>
      <figcaption>
        {media.originalName} · {media.width}×{media.height} · focal point {where}
        {problem && (
          <span className="field-error" role="alert">
            {' '}
            {problem}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
