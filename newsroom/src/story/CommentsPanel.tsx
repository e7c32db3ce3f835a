import type { Editor } from '@tiptap/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Form, ToggleButton } from 'react-aria-components';
import type { Comment, CommentAnchor, CommentThread } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { useStaff } from '../shell/session';
import { type CommentChange, useCommentChange, useComments } from './comment-queries';
import type { LiveAnchors } from './live-body';
import { type Mentionable, MentionField, mentionsIn } from './MentionField';
import { usePassages } from './use-passages';
import './comments.css';

export interface CommentsPanelProps {
  articleId: string;
  editor: Editor | null;
  /** The live document's relative positions, when the body is live. */
  anchors: LiveAnchors | null;
  /** Moves at each `comments-changed` message from the live document: the list is asked for at once. */
  changed: number;
  /** The passage a new thread is being written on ("Comment" or Ctrl/Cmd-Alt-M), if any. */
  draft: CommentAnchor | null;
  onDraftDone(): void;
  /** The chosen thread (a click in its passage, `?comment=` in the address, or here). */
  active: string | null;
  onActive(threadId: string | null): void;
}

/** Why a change was refused, in the API's words. */
const refusal = (error: unknown) =>
  error instanceof Error ? error.message : 'The comment could not be saved.';

/**
 * The "Comments" region beside the body: a new thread's form, the open threads (resolved ones behind a
 * toggle), each with its passage, replies, a reply box, Resolve / Reopen, and edit or delete for one's own.
 * Not a live region: comments arriving from others would interrupt typing.
 */
export function CommentsPanel(props: CommentsPanelProps) {
  const { articleId, editor, anchors, changed, active, onActive } = props;
  const list = useComments(articleId);
  const refetch = list.refetch;
  useEffect(() => {
    if (changed > 0) void refetch();
  }, [changed, refetch]);
  // The same arrays until the list changes: placing the passages runs again only then.
  const threads = useMemo(() => list.data?.threads ?? [], [list.data]);
  const open = useMemo(() => threads.filter((t) => t.status === 'open'), [threads]);
  const resolved = threads.filter((t) => t.status === 'resolved');
  const [showResolved, setShowResolved] = useState(false);
  // The thread the address names takes the keyboard's focus once; a click in a passage only chooses one.
  const [focusOnce, setFocusOnce] = useState(active);
  const placed = usePassages(editor, anchors, open, active);

  // The thread the address names opens once the list is in (resolved ones too).
  const activeThread = threads.find((t) => t.id === active);
  useEffect(() => {
    if (activeThread?.status === 'resolved') setShowResolved(true);
  }, [activeThread?.status]);

  const showPassage = (thread: CommentThread) => {
    onActive(thread.id);
    const range = placed.get(thread.id);
    if (editor && range) editor.chain().setTextSelection(range).scrollIntoView().run();
  };

  return (
    <section className="comments-panel" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      {props.draft && (
        <NewThreadForm
          key={`${props.draft.start}${props.draft.prefix}${props.draft.quote}`}
          articleId={articleId}
          anchor={props.draft}
          onDone={props.onDraftDone}
          onStarted={(thread) => {
            props.onDraftDone();
            onActive(thread.id);
          }}
        />
      )}
      {list.isError && !list.data && <Problem text={refusal(list.error)} />}
      {open.length === 0 && !props.draft && (
        <p className="comments-empty">No open comments. Select a passage in the body and press Comment.</p>
      )}
      <ol className="comment-threads" aria-label="Open comments">
        {open.map((thread) => (
          <ThreadView
            key={thread.id}
            thread={thread}
            articleId={articleId}
            placed={placed.has(thread.id)}
            active={thread.id === active}
            takeFocus={thread.id === focusOnce}
            onFocused={() => setFocusOnce(null)}
            onShow={() => showPassage(thread)}
          />
        ))}
      </ol>
      {resolved.length > 0 && (
        <>
          <ToggleButton
            className="comments-resolved-toggle"
            isSelected={showResolved}
            onChange={setShowResolved}
          >
            {showResolved ? 'Hide' : 'Show'} resolved ({resolved.length})
          </ToggleButton>
          {showResolved && (
            <ol className="comment-threads" aria-label="Resolved comments">
              {resolved.map((thread) => (
                <ThreadView
                  key={thread.id}
                  thread={thread}
                  articleId={articleId}
                  placed={false}
                  active={thread.id === active}
                  takeFocus={thread.id === focusOnce}
                  onFocused={() => setFocusOnce(null)}
                  onShow={() => onActive(thread.id)}
                />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

function NewThreadForm(props: {
  articleId: string;
  anchor: CommentAnchor;
  onDone(): void;
  onStarted(thread: CommentThread): void;
}) {
  const change = useCommentChange(props.articleId);
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<Mentionable[]>([]);
  return (
    <Form
      className="comment-form new-thread"
      aria-label="New comment"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() === '') return;
        change.mutate(
          { kind: 'start', text: text.trim(), anchor: props.anchor, mentions: mentionsIn(text, chosen) },
          { onSuccess: (thread) => props.onStarted(thread as CommentThread) },
        );
      }}
    >
      <blockquote className="comment-quote">{props.anchor.quote}</blockquote>
      <MentionField
        label="Comment"
        value={text}
        onChange={setText}
        chosen={chosen}
        onChosen={setChosen}
        autoFocus
      />
      <Problem text={change.isError ? refusal(change.error) : null} />
      <div className="comment-actions">
        <BusyButton type="submit" busy={change.isPending}>
          Post comment
        </BusyButton>
        <Button onPress={props.onDone}>Cancel</Button>
      </div>
    </Form>
  );
}

function ThreadView(props: {
  thread: CommentThread;
  articleId: string;
  placed: boolean;
  active: boolean;
  takeFocus: boolean;
  onFocused(): void;
  onShow(): void;
}) {
  const { thread } = props;
  const me = useStaff();
  const change = useCommentChange(props.articleId);
  const ref = useRef<HTMLLIElement>(null);
  const open = thread.status === 'open';
  const first = thread.comments[0];
  // Named by the address: focused, so the keyboard is in the thread. Chosen by a click in its passage:
  // brought into view where the panel is beside the body, leaving the caret where the click put it.
  const { active, takeFocus } = props;
  const onFocused = useRef(props.onFocused);
  onFocused.current = props.onFocused;
  useEffect(() => {
    const item = ref.current;
    if (!item) return;
    if (takeFocus) {
      item.focus();
      onFocused.current();
    } else if (active && isBeside(item)) item.scrollIntoView({ block: 'nearest' });
  }, [active, takeFocus]);
  const run = (c: CommentChange) => change.mutate(c);
  const label = `Comment by ${first?.author.name ?? 'someone'} on “${thread.anchor.quote.slice(0, 60)}”`;
  return (
    <li
      ref={ref}
      tabIndex={-1}
      className={`comment-thread${props.active ? ' comment-thread-active' : ''}`}
      aria-label={label}
      data-thread-id={thread.id}
    >
      {open && props.placed ? (
        <Button
          className="comment-quote comment-quote-link"
          onPress={props.onShow}
          aria-label={`Show passage: ${thread.anchor.quote}`}
        >
          {thread.anchor.quote}
        </Button>
      ) : (
        <p className="comment-quote">
          {open && <span className="comment-removed">Passage removed: </span>}
          {thread.anchor.quote}
        </p>
      )}
      <ol className="comments">
        {thread.comments.map((comment) => (
          <CommentView
            key={comment.id}
            comment={comment}
            mine={comment.author.id === me.id}
            articleId={props.articleId}
            isOpening={comment.id === thread.id}
          />
        ))}
      </ol>
      {open ? (
        <>
          <ReplyForm articleId={props.articleId} threadId={thread.id} />
          <BusyButton busy={change.isPending} onPress={() => run({ kind: 'resolve', threadId: thread.id })}>
            Resolve
          </BusyButton>
        </>
      ) : (
        <p className="comment-meta">
          Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ''}{' '}
          <BusyButton busy={change.isPending} onPress={() => run({ kind: 'reopen', threadId: thread.id })}>
            Reopen
          </BusyButton>
        </p>
      )}
      <Problem text={change.isError ? refusal(change.error) : null} />
    </li>
  );
}

/** Whether the panel is beside the body (sticky, wide windows) rather than below it. */
function isBeside(item: HTMLElement): boolean {
  const panel = item.closest('.story-side');
  return panel !== null && getComputedStyle(panel).position === 'sticky';
}

function CommentView(props: { comment: Comment; mine: boolean; articleId: string; isOpening: boolean }) {
  const { comment } = props;
  const timeZone = usePaperTimeZone();
  const change = useCommentChange(props.articleId);
  const [editing, setEditing] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Mentionable[]>([]);
  return (
    <li className="comment">
      <p className="comment-meta">
        <strong>{comment.author.name}</strong>{' '}
        <time dateTime={comment.createdAt}>
          {formatPaperTime(comment.createdAt, timeZone, { short: true })}
        </time>
        {comment.editedAt && ' (edited)'}
      </p>
      {editing === null ? (
        <p className="comment-text">{comment.text}</p>
      ) : (
        <Form
          className="comment-form"
          aria-label="Edit comment"
          onSubmit={(event) => {
            event.preventDefault();
            if (editing.trim() === '') return;
            const kept = comment.mentions.filter((id) => !chosen.some((c) => c.id === id));
            change.mutate(
              {
                kind: 'edit',
                commentId: comment.id,
                text: editing.trim(),
                mentions: [...kept, ...mentionsIn(editing, chosen)],
              },
              { onSuccess: () => setEditing(null) },
            );
          }}
        >
          <MentionField
            label="Edit comment"
            value={editing}
            onChange={setEditing}
            chosen={chosen}
            onChosen={setChosen}
            autoFocus
          />
          <div className="comment-actions">
            <BusyButton type="submit" busy={change.isPending}>
              Save
            </BusyButton>
            <Button onPress={() => setEditing(null)}>Cancel</Button>
          </div>
        </Form>
      )}
      {props.mine && editing === null && (
        <div className="comment-actions">
          <Button
            onPress={() => setEditing(comment.text)}
            aria-label={`Edit your comment: ${comment.text.slice(0, 40)}`}
          >
            Edit
          </Button>
          <BusyButton
            busy={change.isPending}
            onPress={() => change.mutate({ kind: 'delete', commentId: comment.id })}
            aria-label={`${props.isOpening ? 'Delete the thread: ' : 'Delete your comment: '}${comment.text.slice(0, 40)}`}
          >
            Delete
          </BusyButton>
        </div>
      )}
      <Problem text={change.isError ? refusal(change.error) : null} />
    </li>
  );
}

function ReplyForm(props: { articleId: string; threadId: string }) {
  const change = useCommentChange(props.articleId);
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<Mentionable[]>([]);
  return (
    <Form
      className="comment-form"
      aria-label="Reply"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() === '') return;
        change.mutate(
          { kind: 'reply', threadId: props.threadId, text: text.trim(), mentions: mentionsIn(text, chosen) },
          {
            onSuccess: () => {
              setText('');
              setChosen([]);
            },
          },
        );
      }}
    >
      <MentionField label="Reply" value={text} onChange={setText} chosen={chosen} onChosen={setChosen} />
      <Problem text={change.isError ? refusal(change.error) : null} />
      <BusyButton type="submit" busy={change.isPending}>
        Send reply
      </BusyButton>
    </Form>
  );
}
