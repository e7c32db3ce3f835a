import type { Article } from '../api/types';
import type { LiveState } from './live-state';
import type { SaveStatus as Status } from './story-saver';

const WORDS: Record<Status, string> = {
  saved: 'Saved',
  pending: 'Editing…',
  saving: 'Saving…',
  offline: 'Offline',
  conflict: 'Conflict',
  failed: 'Not saved',
};

/**
 * The save status, announced politely by screen readers as it changes. With the live document open it
 * covers both ways of saving: the other fields' PATCHes and the live text the server saves itself.
 */
export function SaveStatus({ status, live }: { status: Status; live?: LiveState | null }) {
  const shown = live ? together(status, live) : status;
  return (
    <output className={`save-status save-${shown}`} aria-live="polite" aria-atomic="true">
      {WORDS[shown]}
    </output>
  );
}

/** The one word for both: a REST refusal first, then the live document's state, then REST's. */
function together(status: Status, live: LiveState): Status {
  if (status === 'conflict' || status === 'failed') return status;
  if (live.notSaved) return 'failed';
  // Live editing was turned off: the server saved the live text before it said so.
  if (live.ended) return status;
  if (!live.connected) return 'offline';
  if (status === 'saved' && live.editing && !live.readOnly) return 'pending';
  return status;
}

/**
 * On a live article: which revision readers see, and, when saved edits are staged, that they are not live
 * until Update. Not a live region: the save status already announces each save.
 */
export function LiveNote({ article }: { article: Article }) {
  if (article.status !== 'published' || article.liveRevision === null) return null;
  return (
    <span className={`live-note${article.staged ? ' live-note-staged' : ''}`}>
      {article.staged ? 'Not live yet — press Update. ' : ''}Readers see revision {article.liveRevision}
    </span>
  );
}
