import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, Form, Heading, Input, Label, TextArea, TextField } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import type { Media } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { Problem } from '../shell/Problem';
import { FocalPoint } from './FocalPoint';
import { PhotoCrops } from './PhotoCrops';
import { useMedia } from './photo-queries';

/** The credits the desk corrects, in the order a caption is written; each names its field in the API. */
const FIELDS = [
  { name: 'caption', label: 'Caption', multiline: true },
  { name: 'credit', label: 'Credit', multiline: false },
  { name: 'creator', label: 'Creator', multiline: false },
  { name: 'copyrightNotice', label: 'Copyright', multiline: false },
  { name: 'usageTerms', label: 'Usage terms', multiline: true },
  { name: 'altText', label: 'Alt text', multiline: true },
] as const;
type FieldName = (typeof FIELDS)[number]['name'];
type Credits = Record<FieldName, string>;

const creditsOf = (media: Media): Credits =>
  Object.fromEntries(FIELDS.map((f) => [f.name, media[f.name]])) as Credits;

const STATUS_WORDS: Record<Media['variantsStatus'], string> = {
  pending: 'The reader site’s sizes are being made.',
  ready: 'Every size for the reader site is ready.',
  failed: 'Making the reader site’s sizes failed; the page shows the upload’s own JPEG meanwhile.',
};

/** One photo of the library: its credits, focal point and crops, where it runs, retry and delete. */
export function PhotoDetail(props: { id: string; onDeleted(): void }) {
  const media = useMedia(props.id, true);
  if (media.error) return <Problem text={media.error.message} />;
  if (!media.data) return <p className="empty">Loading the photo…</p>;
  // A new photo starts a new form: what was typed for another one is not carried over.
  return <PhotoForm key={media.data.id} media={media.data} onDeleted={props.onDeleted} />;
}

function PhotoForm({ media, onDeleted }: { media: Media; onDeleted(): void }) {
  const queries = useQueryClient();
  const [credits, setCredits] = useState<Credits>(() => creditsOf(media));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState<'delete' | 'retry' | null>(null);
  const [actionProblem, setActionProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const took = (next: Media) => {
    queries.setQueryData(['media', next.id], next);
    void queries.invalidateQueries({ queryKey: ['media-search'] });
  };

  async function save() {
    const original = creditsOf(media);
    const changes = Object.fromEntries(
      FIELDS.filter((f) => credits[f.name] !== original[f.name]).map((f) => [f.name, credits[f.name]]),
    );
    if (Object.keys(changes).length === 0) {
      setSaved('Nothing to save: no credit was changed.');
      return;
    }
    setSaving(true);
    setProblem(null);
    setSaved(null);
    try {
      took(await api<Media>(`/media/${media.id}`, { method: 'PATCH', body: changes }));
      setSaved('Saved. Pages that show the photo show it with these credits from now on.');
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? { field: error.field, text: error.message }
          : { field: null, text: String(error) },
      );
    } finally {
      setSaving(false);
    }
  }

  async function act(kind: 'delete' | 'retry') {
    setBusy(kind);
    setActionProblem(null);
    try {
      if (kind === 'retry') {
        took(await api<Media>(`/media/${media.id}/variants`, { method: 'POST' }));
      } else {
        await api(`/media/${media.id}`, { method: 'DELETE' });
        queries.removeQueries({ queryKey: ['media', media.id] });
        void queries.invalidateQueries({ queryKey: ['media-search'] });
        onDeleted();
      }
    } catch (error) {
      setActionProblem(error instanceof Error ? error.message : String(error));
      setConfirming(false);
    } finally {
      setBusy(null);
    }
  }

  const usedIn = media.usedIn ?? [];
  return (
    <article className="photo-detail" aria-labelledby="photo-detail-title">
      <Heading level={2} id="photo-detail-title">
        {media.originalName || 'Photo'}
      </Heading>
      <FocalPoint media={media} />
      <PhotoCrops media={media} />
      <Form
        className="photo-credits"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {FIELDS.map((f) => (
          <TextField
            key={f.name}
            className="field"
            value={credits[f.name]}
            onChange={(text) => setCredits((c) => ({ ...c, [f.name]: text }))}
            isInvalid={problem?.field === f.name}
          >
            <Label>{f.label}</Label>
            {f.multiline ? <TextArea rows={2} /> : <Input />}
            {problem?.field === f.name && <Problem text={problem.text} className="field-error" />}
          </TextField>
        ))}
        {problem && !FIELDS.some((f) => f.name === problem.field) && (
          <Problem text={problem.text} className="form-error" />
        )}
        <div className="actions">
          <BusyButton type="submit" className="react-aria-Button primary" busy={saving}>
            Save credits
          </BusyButton>
          {saved && <span role="status">{saved}</span>}
        </div>
      </Form>
      <section aria-labelledby="photo-files-title">
        <h3 id="photo-files-title">Files</h3>
        <p>{STATUS_WORDS[media.variantsStatus]}</p>
        {media.variantsStatus !== 'ready' && (
          <BusyButton onPress={() => void act('retry')} busy={busy === 'retry'}>
            Make the sizes again
          </BusyButton>
        )}
      </section>
      <section aria-labelledby="photo-used-title">
        <h3 id="photo-used-title">Used in</h3>
        {usedIn.length === 0 ? (
          <p className="empty">No article uses this photo.</p>
        ) : (
          <ul className="used-in">
            {usedIn.map((use) => (
              <li key={use.articleId}>
                <Link to="/story/$id" params={{ id: use.articleId }}>
                  {use.headline || 'Untitled'}
                </Link>{' '}
                <span className="detail">
                  ({use.places.map((p) => (p === 'lead' ? 'lead photo' : 'in the text')).join(', ')};{' '}
                  {use.status.replace('_', ' ')})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="actions">
        {confirming ? (
          <>
            <span>Delete this photo and all its files for good?</span>
            <BusyButton
              className="react-aria-Button danger"
              onPress={() => void act('delete')}
              busy={busy === 'delete'}
            >
              Delete for good
            </BusyButton>
            <Button onPress={() => setConfirming(false)}>Keep it</Button>
          </>
        ) : (
          <Button onPress={() => setConfirming(true)}>Delete photo</Button>
        )}
      </div>
      <Problem text={actionProblem} className="form-error" />
    </article>
  );
}
