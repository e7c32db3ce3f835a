import { Link, useParams } from '@tanstack/react-router';
import type { Editor } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, FieldError, Input, Label, TextArea, TextField } from 'react-aria-components';
import { api } from '../api/client';
import type { Article, ArticleAccess, CommentAnchor } from '../api/types';
import { STATUS_LABELS } from '../desk/budget-search';
import { useSections } from '../desk/desk-queries';
import { ChoiceField } from '../shell/ChoiceField';
import { type Command, useCommands } from '../shell/commands';
import { later } from '../shell/later';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { useStaff } from '../shell/session';
import { BodyEditor, type CommentHooks } from './BodyEditor';
import { BylineField } from './BylineField';
import { countWords, readingMinutes } from './body-document';
import { quoteOf } from './comment-anchor';
import { EmbargoField } from './EmbargoField';
import { LeadPhoto } from './LeadPhoto';
import { LiveEndedNote, LiveStatus, PresenceList, ReadOnlyNote } from './LivePresence';
import { LiveTextField } from './LiveTextField';
import type { LiveDocument } from './live-session';
import type { LiveState } from './live-state';
import { LiveNote, SaveStatus } from './SaveStatus';
import { SeoFields } from './SeoFields';
import type { StorySaver } from './story-saver';
import { isSuggesting, setSuggesting } from './suggest-mode';
import { TagsField } from './TagsField';
import { type LiveModule, useLiveDocument, useLiveState } from './use-live-document';
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
const CommentsPanel = later(() => import('./CommentsPanel').then((m) => m.CommentsPanel));
const SuggestionsPanel = later(() => import('./SuggestionsPanel').then((m) => m.SuggestionsPanel));

/** The thread a link names (`?comment=<thread id>`, as the mention mail links). */
const linkedThread = () => new URLSearchParams(location.search).get('comment');

/** Opens and closes the reader preview; listed by `?` through the palette's command. */
const PREVIEW_KEYS = 'Alt-Shift-P';
const isPreviewKey = (event: KeyboardEvent) =>
  event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyP';

/** Suggest mode on or off (issue 17), as Google Docs does it; listed by `?` through the palette's command. */
const SUGGEST_KEYS = 'Ctrl/Cmd-Alt-Shift-X';
const isSuggestKey = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) && event.altKey && event.shiftKey && event.code === 'KeyX';

/** The live document, once the screen uses it for headline, dek and body. */
interface Live {
  doc: LiveDocument;
  module: LiveModule;
  state: LiveState;
}

/** The editor of one article. */
export function StoryPage() {
  const { id } = useParams({ from: '/story/$id' });
  return <StoryOpening key={id} id={id} />;
}

/**
 * Opens the article over REST and its live document at once. Headline, dek and body are co-edited once
 * the server has synced the document; the screen waits for that (or for IndexedDB's copy when offline),
 * and works over REST alone when the socket is refused or does not sync in time (ADR 0032). Work kept on
 * this device from a REST session with unsaved headline, dek or body also stays on REST: PATCH sends it,
 * and the server merges it into the live document.
 */
function StoryOpening({ id }: { id: string }) {
  const { saver, problem } = useStory(id);
  const opened = useLiveDocument(id);
  const liveState = useLiveState(opened.live);
  const [mode, setMode] = useState<'live' | 'rest' | null>(null);
  useEffect(() => {
    if (mode || !saver) return;
    if (opened.failed || liveState.mode === 'unavailable') setMode('rest');
    else if (liveState.mode === 'live' && opened.live) {
      if (saver.hasUnsavedLiveFields()) {
        opened.live.destroy();
        setMode('rest');
        return;
      }
      saver.goLive();
      saver.editLive({
        headline: opened.live.text('headline').toString(),
        dek: opened.live.text('dek').toString(),
      });
      setMode('live');
    }
  }, [mode, saver, opened, liveState.mode]);
  if (problem) {
    return (
      <div className="story">
        <p role="alert">This article cannot be opened: {problem}</p>
        <Link to="/">Back to the budget</Link>
      </div>
    );
  }
  if (!saver || !mode) return <p className="loading">Opening the article…</p>;
  const live =
    mode === 'live' && opened.live && opened.module
      ? { doc: opened.live, module: opened.module, state: liveState }
      : null;
  return <StoryEditor saver={saver} live={live} />;
}

function StoryEditor({ saver, live }: { saver: StorySaver; live: Live | null }) {
  const state = useSaverState(saver);
  const sections = useSections();
  const timeZone = usePaperTimeZone();
  const flushBody = useRef<(() => void) | null>(null);
  const { fields, errors } = state;
  const [history, setHistory] = useState(false);
  const [preview, setPreview] = useState(false);
  const words = useMemo(() => countWords(fields.body), [fields.body]);
  const [bodyEditor, setBodyEditor] = useState<Editor | null>(null);
  const [draft, setDraft] = useState<CommentAnchor | null>(null);
  const [activeThread, setActiveThread] = useState<string | null>(linkedThread);
  const liveAnchors = live?.module.liveAnchors ?? null;
  const commentHooks = useMemo<CommentHooks>(
    () => ({
      onPick: setActiveThread,
      onEditor: setBodyEditor,
      onComment: (editor) => {
        const { from, to } = editor.state.selection;
        const quoted = quoteOf(editor.state.doc, from, to);
        if (quoted.quote.trim() === '') return;
        const start = liveAnchors?.relative(editor.state, from) ?? null;
        const end = liveAnchors?.relative(editor.state, to) ?? null;
        setDraft({
          field: 'body',
          ...(start && end ? { start, end } : { start: null, end: null }),
          ...quoted,
        });
      },
    }),
    [liveAnchors],
  );
  const me = useStaff();
  const ended = live?.state.ended ?? null;
  const readOnly = Boolean(live?.state.readOnly || ended);
  const toggleSuggest = useCallback(() => {
    if (bodyEditor && !readOnly) void setSuggesting(bodyEditor, me.id, !isSuggesting(bodyEditor.state));
  }, [bodyEditor, readOnly, me.id]);
  const previewCommands = useMemo<Command[]>(
    () => [
      {
        id: 'preview',
        label: 'Preview: what readers will see (open or close)',
        keys: PREVIEW_KEYS,
        run: () => setPreview((open) => !open),
      },
      {
        id: 'suggest',
        label: 'Suggest: mark my edits for review (on or off)',
        keys: SUGGEST_KEYS,
        run: toggleSuggest,
      },
    ],
    [toggleSuggest],
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
      } else if (isSuggestKey(event)) {
        event.preventDefault();
        toggleSuggest();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saver, toggleSuggest]);

  // The server saved the live text as a revision: that revision is the REST saver's new base.
  const savedRevision = live?.state.savedRevision ?? null;
  useEffect(() => {
    if (savedRevision === null) return;
    api<Article>(`/articles/${saver.snapshot().article.id}`)
      .then((article) => saver.liveSaved(article))
      .catch(() => {});
  }, [saver, savedRevision]);
  const liveDoc = live?.doc;
  const liveModule = live?.module;
  const liveBody = useMemo(
    () => liveDoc && liveModule?.liveBodyExtensions(liveDoc.doc, liveDoc.provider.awareness),
    [liveDoc, liveModule],
  );
  const liveText = (name: 'headline' | 'dek', label: string) =>
    liveDoc ? (
      <LiveTextField
        text={liveDoc.text(name)}
        name={name}
        label={label}
        multiline
        readOnly={readOnly}
        error={errors[name]}
        onValue={(value) => saver.editLive({ [name]: value })}
      />
    ) : (
      text(name, label, true)
    );

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
        <SaveStatus status={state.status} live={live?.state ?? null} />
        {live && <LiveStatus state={live.state} />}
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
          live={Boolean(live)}
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
      {live && <PresenceList state={live.state} />}
      {ended ? <LiveEndedNote message={ended} /> : readOnly && <ReadOnlyNote />}
      <div className="story-main">
        <form className="story-fields" onSubmit={(event) => event.preventDefault()}>
          <h1 className="visually-hidden">Edit article</h1>
          {/* A read-only connection: every field is read-only too (the server would refuse a save anyway). */}
          <fieldset className="story-fieldset" disabled={readOnly}>
            {liveText('headline', 'Headline')}
            {liveText('dek', 'Dek')}
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
              onChange={(body) => (live ? saver.editLive({ body }) : saver.edit({ body }))}
              flushRef={flushBody}
              error={errors.body}
              live={liveBody ? { extensions: liveBody, readOnly } : undefined}
              comments={commentHooks}
              onSuggest={toggleSuggest}
            />
            <SeoFields
              values={{ ...fields, slug: state.article.slug }}
              leadImage={fields.leadImage}
              onChange={(change) => saver.edit(change)}
              errors={errors}
            />
          </fieldset>
        </form>
        <div className="story-side">
          <SuggestionsPanel editor={bodyEditor} readOnly={readOnly} />
          <CommentsPanel
            articleId={state.article.id}
            editor={bodyEditor}
            anchors={liveAnchors}
            changed={live?.state.commentsChanged ?? 0}
            draft={draft}
            onDraftDone={() => setDraft(null)}
            active={activeThread}
            onActive={setActiveThread}
          />
        </div>
      </div>
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
