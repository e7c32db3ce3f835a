import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { Button, Label, ProgressBar } from 'react-aria-components';
import { ApiError } from '../api/client';
import { PHOTO_TYPES, uploadPhoto } from './photo-files';

interface Upload {
  key: string;
  name: string;
  /** Share sent, 0 to 1. */
  sent: number;
  state: 'sending' | 'done' | 'failed';
  problem: string | null;
}

/** Why an upload failed, in words the desk can act on. */
function problemOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'The server could not be reached; check the connection and upload the photo again.';
}

let counter = 0;

/**
 * Drop photos here or pick them from the computer, many at once: each is sent on its own
 * (POST /media) with its progress, and a refusal is shown in the server's words beside its file name.
 * A photo taken appears in the library at once.
 */
export function PhotoUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const queries = useQueryClient();

  const change = (key: string, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  async function send(file: File, key: string) {
    if (!PHOTO_TYPES.includes(file.type)) {
      change(key, {
        state: 'failed',
        problem: 'Not a photo the library takes: send a JPEG, PNG, WebP, AVIF or GIF file.',
      });
      return;
    }
    try {
      const media = await uploadPhoto(file, (sent) => change(key, { sent }));
      change(key, { state: 'done', sent: 1 });
      queries.setQueryData(['media', media.id], media);
      void queries.invalidateQueries({ queryKey: ['media-search'] });
    } catch (error) {
      change(key, { state: 'failed', problem: problemOf(error) });
    }
  }

  function take(files: FileList | null) {
    const added = [...(files ?? [])].map((file) => ({ file, key: `upload-${++counter}` }));
    if (added.length === 0) return;
    setUploads((list) => [
      ...added.map(({ file, key }) => ({
        key,
        name: file.name,
        sent: 0,
        state: 'sending' as const,
        problem: null,
      })),
      ...list.filter((u) => u.state !== 'done'),
    ]);
    for (const { file, key } of added) void send(file, key);
  }

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    take(event.dataTransfer.files);
  };
  const dragOver = (event: DragEvent) => {
    if (![...event.dataTransfer.types].includes('Files')) return;
    event.preventDefault();
    setOver(true);
  };

  return (
    <section
      className={`photo-uploads${over ? ' drop-over' : ''}`}
      aria-labelledby="photo-uploads-title"
      onDragOver={dragOver}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <h2 id="photo-uploads-title">Upload</h2>
      <p className="drop-hint">Drop photos here, as many as you like, or:</p>
      <Button onPress={() => picker.current?.click()}>Choose photos</Button>
      <input
        ref={picker}
        type="file"
        multiple
        accept={PHOTO_TYPES.join(',')}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="photo-files"
        onChange={(event) => {
          take(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
      {uploads.length > 0 && (
        <ul className="upload-list" aria-label="Uploads">
          {uploads.map((u) => (
            <li key={u.key} className={`upload upload-${u.state}`}>
              <ProgressBar value={Math.round(u.sent * 100)} className="upload-progress">
                <Label>{u.name}</Label>
                <span className="upload-state">
                  {u.state === 'done'
                    ? 'Uploaded'
                    : u.state === 'failed'
                      ? 'Not uploaded'
                      : `${Math.round(u.sent * 100)}%`}
                </span>
                <div className="bar">
                  <div className="fill" style={{ width: `${u.sent * 100}%` }} />
                </div>
              </ProgressBar>
              {u.problem && (
                <p className="field-error" role="alert">
                  {u.problem}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
