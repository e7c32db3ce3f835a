import type { Article } from '../api/types';
import type { SaveStatus as Status } from './story-saver';

const WORDS: Record<Status, string> = {
  saved: 'Saved',
  pending: 'Editing…',
  saving: 'Saving…',
  offline: 'Offline',
  conflict: 'Conflict',
  failed: 'Not saved',
};

/** The save status, announced politely by screen readers as it changes. */
export function SaveStatus({ status }: { status: Status }) {
  return (
    <output className={`save-status save-${status}`} aria-live="polite" aria-atomic="true">
      {WORDS[status]}
    </output>
  );
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
