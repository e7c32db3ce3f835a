import { useNavigate } from '@tanstack/react-router';
import { useMemo, useRef, useState } from 'react';
import { Button, Group } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import type { Article, ArticleStatus, CorrectionKind, StaffRole } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { type Command, useCommands } from '../shell/commands';
import { later } from '../shell/later';
import { usePaperTimeZone } from '../shell/publication';
import { useStaff } from '../shell/session';
import { forgetLocalWork } from './local-work';
import { publishChecks } from './publish-checks';
import type { LeavingOut } from './StoryDialogs';
import type { SaverState, StorySaver } from './story-saver';

const PublishDialog = later(() => import('./PublishDialog').then((m) => m.PublishDialog));
const CorrectionDialog = later(() => import('./StoryDialogs').then((m) => m.CorrectionDialog));
const DeleteDialog = later(() => import('./StoryDialogs').then((m) => m.DeleteDialog));
const SuggestionsOpenDialog = later(() => import('./StoryDialogs').then((m) => m.SuggestionsOpenDialog));

type Action = 'submit' | 'publish' | 'schedule' | 'unpublish' | 'update';
type Step = Action | 'correct' | 'delete';
type Open = 'publish' | 'schedule' | 'correct' | 'delete' | null;
/** A step the server refused for open suggestions (409 SUGGESTIONS_OPEN), asked again once confirmed. */
interface Leaving {
  action: LeavingOut;
  at: string | undefined;
  count: number;
}

const AT_LEAST_REPORTER: StaffRole[] = ['reporter', 'editor', 'admin', 'owner'];
const AT_LEAST_EDITOR: StaffRole[] = ['editor', 'admin', 'owner'];
const HIDDEN_FROM_READERS: ArticleStatus[] = ['draft', 'in_review', 'unpublished'];

const isLeavingOut = (action: Action): action is LeavingOut =>
  action === 'publish' || action === 'schedule' || action === 'update';

/** Which steps this role may offer from this status (the server checks again, and says why if not). */
function offered(role: StaffRole, status: ArticleStatus): Set<Step> {
  const steps = new Set<Step>();
  if (status === 'draft') steps.add('submit');
  if (AT_LEAST_REPORTER.includes(role)) {
    if (status !== 'published') steps.add('publish').add('schedule');
    if (status === 'published') steps.add('update').add('unpublish').add('correct');
  }
  if (AT_LEAST_EDITOR.includes(role) && HIDDEN_FROM_READERS.includes(status)) steps.add('delete');
  return steps;
}

/**
 * The workflow's buttons, also offered in the command palette. Each first sends what is unsaved (one save at
 * a time, as always), then asks for the step on the revision that save returned: Update puts a live article's
 * staged edits live once the last save has settled. Publish and Schedule list the pre-publish checks first; a
 * refusal is shown in the dialog and next to the field it concerns.
 * While a step runs its buttons are BusyButtons, not disabled (that would drop the keyboard's focus) nor React
 * Aria's isPending (a pending button that then disappears leaves an announcement pointing at nothing).
 */
export function WorkflowBar(props: {
  saver: StorySaver;
  state: SaverState;
  flushBody(): void;
  onHistory(): void;
  /** Headline, dek and body are in the live document (the server saves them before any step). */
  live: boolean;
}) {
  const staff = useStaff();
  const navigate = useNavigate();
  const timeZone = usePaperTimeZone();
  const [busy, setBusy] = useState(false);
  // One step at a time. A ref, not `busy`: the command palette's entries are made once and would read
  // a stale `busy`, so Ctrl/Cmd-K could start a second step while the first was still on its way.
  const stepping = useRef(false);
  const [open, setOpen] = useState<Open>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [leaving, setLeaving] = useState<Leaving | null>(null);
  const { article, fields } = props.state;
  const steps = offered(staff.role, article.status);

  /**
   * What is unsaved goes first; the step is asked for on the revision the last save returned. `asks`
   * takes a refusal that is a question to the person rather than an error (open suggestions).
   */
  async function step(
    call: (article: Article) => Promise<Article | undefined>,
    asks?: (error: ApiError) => boolean,
  ) {
    if (stepping.current) return;
    stepping.current = true;
    setBusy(true);
    setProblem(null);
    try {
      props.flushBody();
      await props.saver.settle();
      if (props.saver.snapshot().status !== 'saved') return;
      const answer = await onCurrent(call);
      if (answer) props.saver.acknowledged(answer);
      setOpen(null);
      setLeaving(null);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (asks?.(error)) return;
      setProblem(error.message);
      props.saver.showError(error);
    } finally {
      stepping.current = false;
      setBusy(false);
    }
  }
  /**
   * Asks for the step on the saver's revision. While the live document is open the server saves it
   * before any step (ADR 0031), so the revision has often moved on: a 409 that the saver can rebase
   * without asking (only the live text differs, or fields nobody here changed) is asked again, once,
   * on the new revision. The live text on screen is what the step acts on.
   */
  async function onCurrent<T>(call: (article: Article) => Promise<T>): Promise<T> {
    try {
      return await call(props.saver.snapshot().article);
    } catch (error) {
      if (!(props.live && error instanceof ApiError && error.code === 'REVISION_CONFLICT')) throw error;
      props.saver.showError(error);
      await props.saver.settle();
      if (props.saver.snapshot().status !== 'saved') throw error;
      return call(props.saver.snapshot().article);
    }
  }
  /**
   * A step on the article. Publish, schedule and update are refused while the body has open suggestions
   * (409 SUGGESTIONS_OPEN, issue 17): the person is asked, and "… without them" sends the step again
   * with `openSuggestions: 'leave-out'` (readers get the text as if each were rejected).
   */
  const run = (action: Action, at?: string, leaveOut = false) =>
    step(
      (current) =>
        api<Article>(`/articles/${current.id}/${action}`, {
          method: 'POST',
          body: {
            revision: current.revision,
            ...(at ? { at } : {}),
            ...(leaveOut ? { openSuggestions: 'leave-out' } : {}),
          },
        }),
      (error) => {
        if (error.code !== 'SUGGESTIONS_OPEN' || !isLeavingOut(action)) return false;
        setOpen(null);
        setLeaving({ action, at, count: Number(error.details.count) || 0 });
        return true;
      },
    );
  // A correction goes live on its own; staged edits stay staged (the server keeps them off the page).
  const correct = (kind: CorrectionKind, text: string) =>
    step((current) =>
      api<Article>(`/articles/${current.id}/corrections`, { method: 'POST', body: { kind, text } }),
    );
  const remove = () =>
    step(async (current) => {
      await api(`/articles/${current.id}?revision=${current.revision}`, { method: 'DELETE' });
      await forgetLocalWork(current.id);
      await navigate({ to: '/' });
      return undefined;
    });
  const ask = (which: Open) => {
    setProblem(null);
    setOpen(which);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the list changes with what may be done, not with each render
  const commands = useMemo(() => {
    const list: Command[] = [
      {
        id: 'save',
        label: 'Save now',
        keys: 'Ctrl/Cmd-S',
        run: () => {
          props.flushBody();
          void props.saver.saveNow();
        },
      },
      { id: 'history', label: 'History: compare and restore revisions', run: props.onHistory },
    ];
    if (steps.has('submit'))
      list.push({ id: 'submit', label: 'Submit for review', run: () => void run('submit') });
    if (steps.has('publish')) list.push({ id: 'publish', label: 'Publish…', run: () => ask('publish') });
    if (steps.has('schedule')) list.push({ id: 'schedule', label: 'Schedule…', run: () => ask('schedule') });
    if (steps.has('update'))
      list.push({
        id: 'update',
        label: 'Update the live article',
        run: () => void run('update'),
      });
    if (steps.has('unpublish'))
      list.push({ id: 'unpublish', label: 'Unpublish', run: () => void run('unpublish') });
    if (steps.has('correct'))
      list.push({ id: 'correct', label: 'Add correction…', run: () => ask('correct') });
    if (steps.has('delete')) list.push({ id: 'delete', label: 'Delete draft…', run: () => ask('delete') });
    return list;
  }, [article.status, staff.role, props.saver]);
  useCommands('workflow', commands);

  const checks = publishChecks(fields, article.wordCount, { at: new Date(), timeZone });
  return (
    <Group className="workflow" aria-label="Workflow">
      <Button onPress={props.onHistory}>History</Button>
      {steps.has('delete') && <Button onPress={() => ask('delete')}>Delete</Button>}
      {steps.has('submit') && (
        <BusyButton busy={busy} onPress={() => void run('submit')}>
          Submit for review
        </BusyButton>
      )}
      {steps.has('schedule') && (
        <BusyButton busy={busy} onPress={() => ask('schedule')} onHoverStart={PublishDialog.preload}>
          Schedule
        </BusyButton>
      )}
      {steps.has('publish') && (
        <BusyButton
          className="primary"
          busy={busy}
          onPress={() => ask('publish')}
          onHoverStart={PublishDialog.preload}
        >
          Publish
        </BusyButton>
      )}
      {steps.has('correct') && <Button onPress={() => ask('correct')}>Add correction</Button>}
      {steps.has('unpublish') && (
        <BusyButton busy={busy} onPress={() => void run('unpublish')}>
          Unpublish
        </BusyButton>
      )}
      {steps.has('update') && (
        <BusyButton className="primary" busy={busy} onPress={() => void run('update')}>
          Update
        </BusyButton>
      )}
      {(open === 'publish' || open === 'schedule') && (
        <PublishDialog
          mode={open}
          checks={checks}
          timeZone={timeZone}
          embargoUntil={fields.embargoUntil}
          problem={problem}
          busy={busy}
          onClose={() => setOpen(null)}
          onConfirm={(at) => void run(open, at)}
        />
      )}
      {open === 'correct' && (
        <CorrectionDialog
          busy={busy}
          problem={problem}
          onClose={() => setOpen(null)}
          onAdd={(k, t) => void correct(k, t)}
        />
      )}
      {leaving && (
        <SuggestionsOpenDialog
          step={leaving.action}
          count={leaving.count}
          busy={busy}
          problem={problem}
          onClose={() => setLeaving(null)}
          onLeaveOut={() => void run(leaving.action, leaving.at, true)}
        />
      )}
      {open === 'delete' && (
        <DeleteDialog
          headline={article.headline}
          busy={busy}
          problem={problem}
          onClose={() => setOpen(null)}
          onDelete={() => void remove()}
        />
      )}
    </Group>
  );
}
