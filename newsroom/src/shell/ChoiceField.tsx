import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

export interface Choice {
  id: string;
  label: string;
}

/** A labelled choice among a few (React Aria's Select); the label is its accessible name. */
export function ChoiceField(props: {
  label: string;
  choices: Choice[];
  value: string;
  onChange(value: string): void;
  isDisabled?: boolean;
  errorMessage?: string | null;
}) {
  return (
    <Select
      className="field choice"
      selectedKey={props.value}
      onSelectionChange={(key) => props.onChange(String(key))}
      isDisabled={props.isDisabled ?? false}
      isInvalid={Boolean(props.errorMessage)}
    >
      <Label>{props.label}</Label>
      <Button className="choice-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      {props.errorMessage && (
        <p className="field-error" role="alert">
          {props.errorMessage}
        </p>
      )}
      <Popover className="popover">
        <ListBox items={props.choices}>
          {(choice) => <ListBoxItem id={choice.id}>{choice.label}</ListBoxItem>}
        </ListBox>
      </Popover>
    </Select>
  );
}
