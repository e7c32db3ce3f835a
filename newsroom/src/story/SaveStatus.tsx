import type { SaveStatus as Status } from './story-saver';

const WORDS: Record<Status, string> = {
  saved: 'Saved',
  pending: 'Editing…',
  saving: 'Saving…',
  offline: 'Offline',
  conflict: 'Conflict',
  failed: 'Not saved',
  held: 'Changes held until Update',
};

/** The save status, announced politely by screen readers as it changes. */
export function SaveStatus({ status }: { status: Status }) {
  return (
    <output className={`save-status save-${status}`} aria-live="polite" aria-atomic="true">
      {WORDS[status]}
    </output>
  );
}
