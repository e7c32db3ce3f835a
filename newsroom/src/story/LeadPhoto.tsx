import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { Button, FieldError, Input, Label, TextArea, TextField } from 'react-aria-components';
import type { LeadImage, Media } from '../api/types';
import { FocalPoint } from '../photos/FocalPoint';
import { creditOf, PHOTO_TYPES, photoFileOf, uploadPhoto } from '../photos/photo-files';
import { useMedia } from '../photos/photo-queries';
import { BusyButton } from '../shell/BusyButton';
import { Problem } from '../shell/Problem';
import { PhotoLibrary } from './photo-library';

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
        <BusyButton onPress={() => picker.current?.click()} busy={busy}>
          {props.value ? 'Replace with a file' : 'Upload a photo'}
        </BusyButton>
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
