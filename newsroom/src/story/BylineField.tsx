import { Button, FieldError, Input, Label, TextField } from 'react-aria-components';
import type { Author } from '../api/types';
import { useStaffAuthors } from '../desk/desk-queries';
import { Problem } from '../shell/Problem';
import { SuggestField } from '../shell/SuggestField';

/**
 * The byline: staff and guest contributors in the order they are printed ("By A, B and C"), each moved or
 * removed with its own buttons, then the suffix ("with reporting by …"). Everything works from the keyboard.
 */
export function BylineField(props: {
  authorIds: string[];
  /** The names the article itself gives, for an author the (cached) list does not know yet. */
  known: { id: string; name: string }[];
  suffix: string;
  onChange(authorIds: string[]): void;
  onSuffix(suffix: string): void;
  error?: string | undefined;
  suffixError?: string | undefined;
}) {
  const authors = useStaffAuthors();
  const byId = new Map((authors.data ?? []).map((a) => [a.id, a]));
  const ids = props.authorIds;
  const move = (index: number, by: number) => {
    const next = [...ids];
    const [id] = next.splice(index, 1);
    if (id) next.splice(index + by, 0, id);
    props.onChange(next);
  };
  const nameOf = (id: string) =>
    byId.get(id)?.name ?? props.known.find((a) => a.id === id)?.name ?? 'Unknown author';
  return (
    <fieldset className="byline-field">
      <legend>Byline</legend>
      {ids.length === 0 ? (
        <p className="empty">No one is credited yet.</p>
      ) : (
        <ol className="byline-list" aria-label="Authors in byline order">
          {ids.map((id, index) => (
            <li key={id}>
              <span className="name">
                {nameOf(id)}
                {byId.get(id)?.kind === 'guest' && <span className="detail"> (guest)</span>}
              </span>
              <Button
                aria-label={`Move ${nameOf(id)} earlier`}
                isDisabled={index === 0}
                onPress={() => move(index, -1)}
              >
                ↑
              </Button>
              <Button
                aria-label={`Move ${nameOf(id)} later`}
                isDisabled={index === ids.length - 1}
                onPress={() => move(index, 1)}
              >
                ↓
              </Button>
              <Button
                aria-label={`Remove ${nameOf(id)}`}
                onPress={() => props.onChange(ids.filter((x) => x !== id))}
              >
                ✕
              </Button>
            </li>
          ))}
        </ol>
      )}
      <Problem text={props.error} className="field-error" />
      <div className="field-row">
        <SuggestField
          label="Add to byline"
          suggestions={(authors.data ?? []).filter((a) => !ids.includes(a.id)).map(suggestion)}
          onPick={(s) => props.onChange([...ids, s.id])}
        />
        <TextField
          className="field"
          value={props.suffix}
          onChange={props.onSuffix}
          isInvalid={Boolean(props.suffixError)}
        >
          <Label>Byline suffix</Label>
          <Input placeholder="with reporting by …" />
          <FieldError>{props.suffixError}</FieldError>
        </TextField>
      </div>
    </fieldset>
  );
}

function suggestion(author: Author) {
  const detail =
    author.kind === 'guest' ? ['guest', author.affiliation].filter(Boolean).join(', ') : undefined;
  return { id: author.id, label: author.name, ...(detail ? { detail } : {}) };
}
