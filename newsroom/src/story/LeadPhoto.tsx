import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, type KeyboardEvent, type MouseEvent, useRef, useState } from 'react';
import { Button, FieldError, Input, Label, TextArea, TextField } from 'react-aria-components';
import { api } from '../api/client';
import type { LeadImage, Media } from '../api/types';
import { Problem } from '../shell/Problem';
import { creditOf, PHOTO_TYPES, PhotoLibrary, photoFileOf, photoUrl, uploadPhoto } from './photo-files';
import { useMedia } from './story-queries';

/** The lead photo as the article uses it, its caption, credit and alt text filled from the photo's own. */
export function leadImageOf(media: Media): LeadImage {
  return { mediaId: media.id, caption: media.caption, credit: creditOf(media), alt: media.altText };
}

/**
 * The lead photo: dropped on this area, picked from the computer, or chosen from the library. Caption, credit
 * and alt text come prefilled from the photo's IPTC/XMP metadata and can be changed for this article; a click
 * on the photo (or the arrow keys) sets the focal point that every crop keeps in frame.
 */
export function LeadPhoto(props: {
  value: LeadImage | null;
  onChange(value: LeadImage | null): void;
  error?: string | undefined;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [library, setLibrary] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const queries = useQueryClient();

  async function take(file: File | null) {
    if (!file) {
      setProblem('That is not a photo: drop a JPEG, PNG, WebP, AVIF or GIF file.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const media = await uploadPhoto(file);
      queries.setQueryData(['media', media.id], media);
      props.onChange(leadImageOf(media));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void take(photoFileOf(event.dataTransfer.files));
  };
  const dragOver = (event: DragEvent) => {
    if (![...event.dataTransfer.types].includes('Files')) return;
    event.preventDefault();
    setOver(true);
  };

  return (
    <section
      className={`lead-photo${over ? ' drop-over' : ''}`}
      aria-labelledby="lead-photo-title"
      onDragOver={dragOver}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      aria-busy={busy}
    >
      <h2 id="lead-photo-title" className="label">
        Lead photo
      </h2>
      {props.value ? (
        <ChosenPhoto value={props.value} onChange={props.onChange} />
      ) : (
        <p className="drop-hint">{busy ? 'Uploading the photo…' : 'Drop a photo here, or:'}</p>
      )}
      <div className="actions">
        <Button onPress={() => picker.current?.click()} isDisabled={busy}>
          {props.value ? 'Replace with a file' : 'Upload a photo'}
        </Button>
        <Button onPress={() => setLibrary(true)} onHoverStart={PhotoLibrary.preload}>
          Choose from the library
        </Button>
        {props.value && <Button onPress={() => props.onChange(null)}>Remove photo</Button>}
      </div>
      <input
        ref={picker}
        type="file"
        accept={PHOTO_TYPES.join(',')}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => void take(photoFileOf(event.currentTarget.files))}
      />
      <Problem text={problem ?? props.error} className="field-error" />
      {library && (
        <PhotoLibrary
          title="Choose the lead photo"
          onClose={() => setLibrary(false)}
          onChoose={(media) => {
            setLibrary(false);
            props.onChange(leadImageOf(media));
          }}
        />
      )}
    </section>
  );
}

function ChosenPhoto({ value, onChange }: { value: LeadImage; onChange(value: LeadImage | null): void }) {
  const media = useMedia(value.mediaId);
  const text = (name: 'caption' | 'credit' | 'alt', label: string, multiline = false) => (
    <TextField
      className="field"
      value={value[name]}
      onChange={(text) => onChange({ ...value, [name]: text })}
    >
      <Label>{label}</Label>
      {multiline ? <TextArea rows={2} /> : <Input />}
      <FieldError />
    </TextField>
  );
  return (
    <div className="chosen-photo">
      {media.data ? <FocalPoint media={media.data} /> : <p className="empty">Loading the photo…</p>}
      <div>
        {text('caption', 'Caption', true)}
        {text('credit', 'Credit')}
        {text('alt', 'Alt text', true)}
      </div>
    </div>
  );
}

const STEP = 0.05;
const clamp = (n: number) => Math.min(1, Math.max(0, Math.round(n * 1000) / 1000));

/** The photo with its focal point: a click sets it, or the arrow keys move it; saved on the photo itself. */
function FocalPoint({ media }: { media: Media }) {
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
