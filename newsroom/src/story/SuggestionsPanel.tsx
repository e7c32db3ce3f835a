import type { Command } from '@tiptap/pm/state';
import type { Editor } from '@tiptap/react';
import { useEffect, useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { useStaff } from '../shell/session';
import { colorOf } from './live-state';
import { useMentionable } from './MentionField';
import { renameSuggestions, type SuggestionKind } from './suggest-mode';
import {
  describeSuggestion,
  listSuggestions,
  type Suggestion,
  selectPassage,
  settle,
  settleAll,
} from './suggesting';
import { parseSuggestionId } from './suggestion-id';
import './suggestions.css';

const VERBS: Record<SuggestionKind, string> = {
  insertion: 'Inserted',
  deletion: 'Deleted',
  modification: 'Formatting',
};

/** What the list shows of a suggestion: its positions move with all typing before it, and are read afresh. */
const shown = (list: Suggestion[]) => JSON.stringify(list.map((s) => [s.id, s.kinds, s.inserted, s.deleted]));

/**
 * The open suggestions of the body, read again after each change of the document (anyone's); the list
 * renders again only when what it shows changed, not at each keystroke elsewhere.
 */
function useSuggestions(editor: Editor | null): Suggestion[] {
  const [list, setList] = useState<Suggestion[]>(() => (editor ? listSuggestions(editor.state.doc) : []));
  useEffect(() => {
    if (!editor) return;
    const read = () => {
      const next = listSuggestions(editor.state.doc);
      setList((old) => (shown(old) === shown(next) ? old : next));
    };
    read();
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (transaction.docChanged) read();
    };
    editor.on('transaction', onTransaction);
    return () => {
      editor.off('transaction', onTransaction);
    };
  }, [editor]);
  return list;
}

/**
 * Who made a suggestion and when, in words: the colleagues list names them (this person is "you"), the
 * time is on the paper's clock. The body's tooltips and the caret's line use the same words.
 */
function useAuthorWords(editor: Editor | null) {
  const me = useStaff();
  const colleagues = useMentionable();
  const timeZone = usePaperTimeZone();
  const words = useMemo(() => {
    const names = new Map(colleagues.map((c) => [c.id, c.name]));
    return (item: Pick<Suggestion, 'author'>) => {
      if (!item.author) return { name: 'Someone', time: null };
      const name = item.author.staffId === me.id ? 'you' : (names.get(item.author.staffId) ?? 'a colleague');
      return { name, time: formatPaperTime(item.author.at, timeZone, { short: true }) };
    };
  }, [colleagues, timeZone, me.id]);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    // Asked for each suggestion's text at every change of the body: each one's words are made once.
    const made = new Map<string, string>();
    editor.storage.suggestMode.describe = (id, kind) => {
      const key = `${kind} ${id}`;
      let said = made.get(key);
      if (said === undefined) {
        const { name, time } = words({ author: parseSuggestionId(id) });
        said = `${VERBS[kind]} by ${name}${time ? `, ${time}` : ''}`;
        made.set(key, said);
      }
      return said;
    };
    editor.view.dispatch(renameSuggestions(editor.state.tr));
  }, [editor, words]);
  return words;
}

export interface SuggestionsPanelProps {
  editor: Editor | null;
  /** A member who may not edit sees the suggestions, without Accept and Reject. */
  readOnly: boolean;
}

/**
 * The "Suggestions" region beside the body (issue 17): each open suggestion with its author, time and what
 * it does; Accept and Reject each, or all at once. Accepting is an editor transaction like typing, so it
 * reaches the live document (and the others' screens) or the next REST save the same way. Not a live
 * region: others' suggestions arriving would interrupt typing.
 */
export function SuggestionsPanel({ editor, readOnly }: SuggestionsPanelProps) {
  const list = useSuggestions(editor);
  const words = useAuthorWords(editor);
  const run = (command: Command) => editor && command(editor.state, editor.view.dispatch);
  // Where the suggestion is now (the list's copy may be several keystrokes old).
  const settleNow = (item: Suggestion, accept: boolean) => {
    const now = editor && listSuggestions(editor.state.doc).find((s) => s.id === item.id);
    if (now) run(settle(now, accept));
  };
  return (
    <section className="suggestions-panel" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">Suggestions</h2>
      {list.length === 0 ? (
        <p className="suggestions-empty">
          No open suggestions.{readOnly ? '' : ' Press Suggest to mark your edits for review.'}
        </p>
      ) : (
        !readOnly && (
          <div className="suggestion-actions">
            <Button onPress={() => run(settleAll(true))}>Accept all</Button>
            <Button onPress={() => run(settleAll(false))}>Reject all</Button>
          </div>
        )
      )}
      <ol className="suggestion-list" aria-label="Open suggestions">
        {list.map((item) => {
          const { name, time } = words(item);
          const what = describeSuggestion(item);
          const color = item.author ? colorOf(item.author.staffId) : undefined;
          return (
            <li
              key={item.id}
              className="suggestion-item"
              style={color ? { borderLeftColor: color } : undefined}
            >
              <p className="suggestion-meta">
                <strong>{name === 'you' ? 'You' : name}</strong>
                {time && item.author && (
                  <>
                    {' '}
                    <time dateTime={item.author.at.toISOString()}>{time}</time>
                  </>
                )}
              </p>
              <Button
                className="suggestion-what"
                onPress={() => run(selectPassage(item.id))}
                aria-label={`Show passage: ${what}`}
              >
                {what}
              </Button>
              {!readOnly && (
                <div className="suggestion-actions">
                  <Button onPress={() => settleNow(item, true)} aria-label={`Accept: ${what}, by ${name}`}>
                    Accept
                  </Button>
                  <Button onPress={() => settleNow(item, false)} aria-label={`Reject: ${what}, by ${name}`}>
                    Reject
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
