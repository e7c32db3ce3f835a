import { Button } from 'react-aria-components';
import type { LiveState } from './live-state';

/**
 * What the save status means for the live text: connected, saved as revision N (the server's `saved`
 * message), not saved in the server's words (`not-saved`), or offline with the edits kept here. A
 * polite live region of its own (not a second `status`): the server's reason must be heard.
 */
export function LiveStatus({ state }: { state: LiveState }) {
  const { kind, words } = liveWords(state);
  return (
    <span className={`live-status live-${kind}`} aria-live="polite" aria-atomic="true">
      {words}
    </span>
  );
}

function liveWords(state: LiveState): { kind: string; words: string } {
  if (state.ended) return { kind: 'saved', words: 'Live text: saved; live editing is off' };
  if (!state.connected) return { kind: 'offline', words: 'Live text: edits kept on this device' };
  if (state.notSaved) return { kind: 'failed', words: `Live text not saved: ${state.notSaved}` };
  if (state.savedRevision !== null && !state.editing) {
    return { kind: 'saved', words: `Live text: saved as revision ${state.savedRevision}` };
  }
  return { kind: 'connected', words: 'Live text: connected' };
}

/**
 * Who is in the story now, each in their caret's colour. Not a live region: people coming and going
 * would interrupt typing; the list is there to read when wanted.
 */
export function PresenceList({ state }: { state: LiveState }) {
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="presence-title">
        In this story
      </h2>
      <ul className="presence-list">
        {state.people.map((person) => (
          <li key={person.clientId} className="presence-person">
            <span className="presence-dot" style={{ backgroundColor: person.color }} aria-hidden="true" />
            {person.name}
            {person.you ? ' (you)' : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Why this person cannot type here: the server granted a read-only connection (ADR 0031, ADR 0014). */
export function ReadOnlyNote() {
  return (
    <p className="read-only-note" id="read-only-note">
      Read only: your role may read this article but not change it. You see others' changes as they type.
    </p>
  );
}

/** The paper turned live editing off while the article was open (setting newsroom.editing). */
export function LiveEndedNote({ message }: { message: string }) {
  return (
    <div className="read-only-note" role="alert">
      <p>{message}</p>
      <Button onPress={() => window.location.reload()}>Reload the article</Button>
    </div>
  );
}
