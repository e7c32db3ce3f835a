import { type FormEvent, useState } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { ApiError, OfflineError } from '../api/client';

/** Email, password and "Sign in"; used on the sign-in page and in the dialog of an expired session. */
export function SignInForm({ onSignIn }: { onSignIn(email: string, password: string): Promise<void> }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setProblem(null);
    try {
      await onSignIn(String(data.get('email')), String(data.get('password')));
    } catch (error) {
      if (error instanceof ApiError || error instanceof OfflineError) setProblem(error.message);
      else throw error;
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={submit} className="sign-in-form">
      <TextField name="email" type="email" autoComplete="username" isRequired autoFocus>
        <Label>Email</Label>
        <Input />
        <FieldError />
      </TextField>
      <TextField name="password" type="password" autoComplete="current-password" isRequired>
        <Label>Password</Label>
        <Input />
        <FieldError />
      </TextField>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <Button type="submit" isPending={busy} className="primary">
        Sign in
      </Button>
    </Form>
  );
}
