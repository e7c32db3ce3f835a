import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, FieldError, Input, Label, TextArea, TextField } from 'react-aria-components';
import type { ArticleAccess } from '../api/types';
import { STATUS_LABELS } from '../desk/budget-search';
import { useSections } from '../desk/desk-queries';
import { ChoiceField } from '../shell/ChoiceField';
import { type Command, useCommands } from '../shell/commands';
import { later } from '../shell/later';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { BodyEditor } from './BodyEditor';
import { BylineField } from './BylineField';
import { countWords, readingMinutes } from './body-document';
import { EmbargoField } from './EmbargoField';
import { LeadPhoto } from './LeadPhoto';
import { LiveNote, SaveStatus } from './SaveStatus';
import { SeoFields } from './SeoFields';
import type { StorySaver } from './story-saver';
import { TagsField } from './TagsField';
import { useSaverState, useStory } from './use-story';
import './story.css';
import { WorkflowBar } from './WorkflowBar';

const ACCESS_CHOICES: { id: ArticleAccess; label: string }[] = [
  { id: 'metered', label: 'Metered' },
  { id: 'free', label: 'Free' },
  { id: 'registration', label: 'Registration' },
];
const NO_SECTION = '';

const MergeView = later(() => import('./MergeView').then((m) => m.MergeView));
const HistoryPanel = later(() => import('./HistoryPanel').then((m) => m.HistoryPanel));
const PreviewPanel = later(() => import('./PreviewPanel').then((m) => m.PreviewPanel));

/** Opens and closes the reader preview; listed by `?` through the palette's command. */
const PREVIEW_KEYS = 'Alt-Shift-P';
const isPreviewKey = (event: KeyboardEvent) =>
  event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyP';

/** The editor of one article. */
export function StoryPage() {
  const { id } = useParams({ from: '/story/$id' });
  const { saver, problem } = useStory(id);
  if (problem) {
    return (
      <div className="story">
        <p role="alert">This article cannot be opened: {problem}</p>
        <Link to="/">Back to the budget</Link>
      </div>
    );
  }
  if (!saver) return <p className="loading">Opening the article…</p>;
  return <StoryEditor saver={saver} />;
}

function StoryEditor({ saver }: { saver: StorySaver }) {
  const state = useSaverState(saver);
  const sections = useSections();
  const timeZone = usePaperTimeZone();
  const flushBody = useRef<(() => void) | null>(null);
  const { fields, errors } = state;
  const [history, setHistory] = useState(false);
  const [preview, setPreview] = useState(false);
  const words = useMemo(() => countWords(fields.body), [fields.body]);
  const previewCommands = useMemo<Command[]>(
    () => [
      {
        id: 'preview',
        label: 'Preview: what readers will see (open or close)',
        keys: PREVIEW_KEYS,
        run: () => setPreview((open) => !open),
      },
    ],
    [],
  );
  useCommands('preview', previewCommands);

  // Ctrl/Cmd-S saves at once (a live article's edits are staged by the server: Update puts them live).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        flushBody.current?.();
        void saver.saveNow();
      } else if (isPreviewKey(event)) {
        event.preventDefault();
        setPreview((open) => !open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saver]);

  const text = (name: 'headline' | 'dek' | 'dateline', label: string, multiline = false) => (
    <TextField
      className={`field field-${name}`}
      value={fields[name]}
      onChange={(value) => saver.edit({ [name]: value })}
      isInvalid={Boolean(errors[name])}
    >
      <Label>{label}</Label>
      {multiline ? <TextArea rows={2} /> : <Input />}
      <FieldError>{errors[name]}</FieldError>
    </TextField>
  );

  return (
    <div className={preview ? 'story with-preview' : 'story'}>
      <div className="story-head">
        <Link to="/">← Budget</Link>
        <span className={`status status-${state.article.status}`}>{STATUS_LABELS[state.article.status]}</span>
        <SaveStatus status={state.status} />
        <LiveNote article={state.article} />
        {/* When the server last took a save, on the paper's clock; outside the live region, so it is not announced. */}
        <span className="saved-at">
          last saved {formatPaperTime(state.article.savedAt, timeZone, { short: true })}
        </span>
        <span className="word-count">
          {words.toLocaleString('en')} words · {readingMinutes(words)} min read
        </span>
        <Button
          className="preview-toggle"
          aria-expanded={preview}
          onPress={() => setPreview((open) => !open)}
          onHoverStart={PreviewPanel.preload}
        >
          Preview
        </Button>
        <WorkflowBar
          saver={saver}
          state={state}
          flushBody={() => flushBody.current?.()}
          onHistory={() => setHistory(true)}
        />
      </div>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      {state.conflict && (
        <MergeView
          theirs={state.conflict}
          base={state.conflictBase ?? state.article}
          yours={fields}
          onMerge={(merged) => saver.resolveConflict(merged)}
        />
      )}
      {preview && (
        <PreviewPanel articleId={state.article.id} fields={fields} onClose={() => setPreview(false)} />
      )}
      <form className="story-fields" onSubmit={(event) => event.preventDefault()}>
        <h1 className="visually-hidden">Edit article</h1>
        {text('headline', 'Headline', true)}
        {text('dek', 'Dek', true)}
        <div className="field-row">
          {text('dateline', 'Dateline')}
          <ChoiceField
            label="Section"
            value={fields.section ?? NO_SECTION}
            choices={[
              { id: NO_SECTION, label: 'No section' },
              ...(sections.data ?? []).map((s) => ({
                id: s.id,
                label: `${'— '.repeat(s.depth)}${s.name}`,
              })),
            ]}
            onChange={(value) => saver.edit({ section: value || null })}
            errorMessage={errors.section ?? null}
          />
          <ChoiceField
            label="Access"
            value={fields.access}
            choices={ACCESS_CHOICES}
            onChange={(value) => saver.edit({ access: value as ArticleAccess })}
            errorMessage={errors.access ?? null}
          />
        </div>
        <EmbargoField
          value={fields.embargoUntil}
          timeZone={timeZone}
          onChange={(embargoUntil) => saver.edit({ embargoUntil })}
          error={errors.embargoUntil}
          live={state.article.status === 'published'}
        />
        <BylineField
          authorIds={fields.authorIds}
          known={state.article.authors}
          suffix={fields.bylineSuffix}
          onChange={(authorIds) => saver.edit({ authorIds })}
          onSuffix={(bylineSuffix) => saver.edit({ bylineSuffix })}
          error={errors.authorIds}
          suffixError={errors.bylineSuffix}
        />
        <TagsField tags={fields.tags} onChange={(tags) => saver.edit({ tags })} error={errors.tags} />
        <LeadPhoto
          value={fields.leadImage}
          onChange={(leadImage) => saver.edit({ leadImage })}
          error={errors.leadImage}
        />
        <BodyEditor
          initial={fields.body}
          version={state.bodyVersion}
          onChange={(body) => saver.edit({ body })}
          flushRef={flushBody}
          error={errors.body}
        />
        <SeoFields
          values={{ ...fields, slug: state.article.slug }}
          leadImage={fields.leadImage}
          onChange={(change) => saver.edit(change)}
          errors={errors}
        />
      </form>
      {state.article.corrections.length > 0 && (
        <section className="corrections" aria-labelledby="corrections-title">
          <h2 id="corrections-title">Corrections</h2>
          <ul>
            {state.article.corrections.map((c) => (
              <li key={c.id}>
                {c.kind === 'clarification' ? 'Clarification' : 'Correction'},{' '}
                {formatPaperTime(c.publishedAt, timeZone)}: {c.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {history && (
        <HistoryPanel
          article={state.article}
          onRestored={(article) => saver.replaced(article)}
          onClose={() => setHistory(false)}
        />
      )}
    </div>
  );
}
