import { FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';

/**
 * One setting's field: its label, the server's help as the description, and the API's refusal in words
 * beside it (FieldError is tied to the field, so a screen reader reads it with the field).
 */
export function SettingField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  help: string | undefined;
  problem: string | undefined;
  multiline?: boolean;
  type?: 'text' | 'number';
  className?: string;
}) {
  return (
    <TextField
      className={`field ${props.className ?? ''}`}
      value={props.value}
      onChange={props.onChange}
      isInvalid={Boolean(props.problem)}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      {props.multiline ? <TextArea rows={4} /> : <Input type={props.type ?? 'text'} />}
      {props.help && (
        <Text slot="description" className="help">
          {props.help}
        </Text>
      )}
      <FieldError className="field-error">{props.problem}</FieldError>
    </TextField>
  );
}
