import { type KeyboardEvent, useState } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { Problem } from './Problem';

export interface Suggestion {
  id: string;
  label: string;
  /** A second line, e.g. "guest contributor". */
  detail?: string;
}

/**
 * A text box with suggestions (React Aria's ComboBox): arrows move through them and Enter picks one; with
 * `onText`, Enter (or a comma) without a suggestion chosen takes the typed words as they are. The box is
 * emptied after each pick, ready for the next. The list closes when nothing matches: while open, React Aria
 * hides the rest of the page from assistive technology.
 *
 * `looking` says suggestions for the typed words are on their way. React Aria opens the list only when the
 * text changes with suggestions in hand, so a reporter who types faster than the server answers would get no
 * list at all; while looking, the list opens at once and says so, and fills in when the answer comes.
 */
export function SuggestField(props: {
  label: string;
  suggestions: Suggestion[];
  onPick(suggestion: Suggestion): void;
  onText?(text: string): void;
  onTyping?(text: string): void;
  description?: string;
  errorMessage?: string | undefined;
  looking?: boolean;
}) {
  const [typed, setTyped] = useState('');
  const type = (text: string) => {
    setTyped(text);
    props.onTyping?.(text);
  };
  const takeText = (event: KeyboardEvent<HTMLInputElement>) => {
    const { onText } = props;
    if (!onText || (event.key !== 'Enter' && event.key !== ',')) return;
    // With a suggestion under the arrow keys, Enter is the combo box's own: it picks that suggestion.
    if (event.key === 'Enter' && event.currentTarget.getAttribute('aria-activedescendant')) return;
    if (typed.trim() === '') return;
    event.preventDefault();
    onText(typed.trim());
    type('');
  };
  return (
    <ComboBox
      className="field suggest"
      inputValue={typed}
      onInputChange={type}
      items={props.suggestions}
      selectedKey={null}
      onSelectionChange={(key) => {
        const chosen = props.suggestions.find((s) => s.id === key);
        if (!chosen) return;
        props.onPick(chosen);
        type('');
      }}
      allowsCustomValue
      allowsEmptyCollection={Boolean(props.looking) && typed.trim() !== ''}
      menuTrigger="input"
      isInvalid={Boolean(props.errorMessage)}
    >
      <Label>{props.label}</Label>
      <Input onKeyDown={takeText} />
      {props.description && <Text slot="description">{props.description}</Text>}
      <Problem text={props.errorMessage} className="field-error" />
      <Popover className="popover">
        <ListBox<Suggestion> renderEmptyState={() => <p className="suggest-looking">Looking…</p>}>
          {(item) => (
            <ListBoxItem id={item.id} textValue={item.label}>
              {item.label}
              {item.detail && <span className="detail"> · {item.detail}</span>}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
