import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';

/** "New password" (form field `password`), with the one rule the server keeps: length. Reset and joining share it. */
export function NewPasswordField() {
  return (
    <TextField name="password" type="password" autoComplete="new-password" isRequired autoFocus>
      <Label>New password</Label>
      <Input />
      <Text slot="description">At least 10 characters; a few unrelated words are easy to remember.</Text>
      <FieldError />
    </TextField>
  );
}
