import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { Label, TextArea, TextField } from 'react-aria-components';
import { api } from '../api/client';

/** Someone who can be mentioned: a staff member, by the id the Admin API takes. */
export interface Mentionable {
  id: string;
  name: string;
}

/** The "@name" being typed at the end of the text, if any. */
const TYPING = /(^|\s)@([^\s@]*)$/;

/** Everyone in the newsroom who can sign in, by name (any staff member may ask; ADR 0034). */
export function useMentionable(): Mentionable[] {
  const colleagues = useQuery({
    queryKey: ['staff', 'colleagues'],
    queryFn: () => api<{ colleagues: Mentionable[] }>('/staff/colleagues').then((r) => r.colleagues),
    staleTime: 60_000,
  });
  return colleagues.data ?? [];
}

/** The ids of the people still named "@Name" in the text. */
export function mentionsIn(text: string, chosen: Mentionable[]): string[] {
  return [...new Set(chosen.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id))];
}

/**
 * A comment's text with @mentions: typing "@" and the start of a name lists matching staff just below, as
 * a listbox the textarea points into (aria-activedescendant, as chat and code-review tools do; a textarea may
 * not take the combobox role): Down and Up move
 * through it, Enter or Tab writes "@Edna Editor " and remembers her id, Escape closes it; a click does too.
 */
export function MentionField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  chosen: Mentionable[];
  onChosen(chosen: Mentionable[]): void;
  autoFocus?: boolean;
}) {
  const staff = useMentionable();
  const box = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [active, setActive] = useState(0);
  // The "@text" the list was closed on (Escape): it stays closed until the typing changes.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const typing = TYPING.exec(props.value);
  const query = typing?.[2]?.toLowerCase() ?? null;
  const open = query !== null && typing?.[0] !== dismissed;
  const matches = open ? staff.filter((s) => s.name.toLowerCase().includes(query)).slice(0, 5) : [];
  const current = Math.min(active, Math.max(matches.length - 1, 0));
  const pick = (person: Mentionable) => {
    props.onChange(props.value.replace(TYPING, `$1@${person.name} `));
    if (!props.chosen.some((c) => c.id === person.id)) props.onChosen([...props.chosen, person]);
    setActive(0);
    box.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (matches.length === 0) return;
    const person = matches[current];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + matches.length) % matches.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && person && !event.shiftKey) {
      event.preventDefault();
      pick(person);
    } else if (event.key === 'Escape') {
      // Closes the list only; a second Escape reaches the form (which may close the comment).
      event.preventDefault();
      event.stopPropagation();
      setDismissed(typing?.[0] ?? null);
    }
  };
  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="mention-field">
      <TextField
        className="field"
        value={props.value}
        onChange={(value) => {
          setActive(0);
          props.onChange(value);
        }}
        autoFocus={props.autoFocus ?? false}
      >
        <Label>{props.label}</Label>
        <TextArea
          ref={box}
          rows={3}
          aria-autocomplete="list"
          aria-controls={matches.length > 0 ? listId : undefined}
          aria-activedescendant={matches.length > 0 ? optionId(current) : undefined}
          onKeyDown={onKeyDown}
        />
      </TextField>
      {matches.length > 0 && (
        <div className="mention-suggestions" id={listId} role="listbox" aria-label="People to mention">
          {matches.map((person, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard works in the textarea (combobox pattern)
            <div
              key={person.id}
              id={optionId(index)}
              role="option"
              tabIndex={-1}
              aria-selected={index === current}
              className="mention-suggestion"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(person)}
            >
              {person.name}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
