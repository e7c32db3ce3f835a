import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTagSuggestions } from '../desk/desk-queries';
import { SuggestField } from '../shell/SuggestField';

/**
 * Tags: the chosen ones, each with its remove button, and a box that suggests
 * the paper's tags as you type (GET /tags?q=); Enter or a comma adds a new one, which the server creates.
 */
export function TagsField(props: {
  tags: string[];
  onChange(tags: string[]): void;
  error?: string | undefined;
}) {
  const [typed, setTyped] = useState('');
  const found = useTagSuggestions(typed);
  const chosen = new Set(props.tags.map((t) => t.toLowerCase()));
  const add = (name: string) => {
    if (!chosen.has(name.toLowerCase())) props.onChange([...props.tags, name]);
  };
  return (
    <div className="tags-field">
      <SuggestField
        label="Tags"
        suggestions={(typed.trim() === '' ? [] : (found.data ?? []))
          .filter((t) => !chosen.has(t.name.toLowerCase()))
          .map((t) => ({ id: t.name, label: t.name }))}
        onTyping={setTyped}
        looking={found.isFetching}
        onPick={(s) => add(s.id)}
        onText={add}
        description="Enter or a comma adds a tag."
        errorMessage={props.error}
      />
      {props.tags.length > 0 && (
        // A plain list with a remove button per tag: React Aria's TagGroup would add a grid's code to the
        // editor's first load for the same keyboard path (Tab to a tag's button, Enter removes it).
        <ul className="tag-list" aria-label="Chosen tags">
          {props.tags.map((tag) => (
            <li key={tag}>
              {tag}
              <Button
                aria-label={`Remove tag ${tag}`}
                onPress={() => props.onChange(props.tags.filter((t) => t !== tag))}
              >
                ✕
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
