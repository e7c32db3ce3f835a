import { type FormEvent, useState } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { ApiError, api, OfflineError } from '../api/client';
import { NewPasswordField } from './NewPasswordField';

async function attempt(work: () => Promise<void>, setProblem: (problem: string | null) => void) {
  setProblem(null);
  try {
    await work();
  } catch (error) {
    if (error instanceof ApiError || error instanceof OfflineError) setProblem(error.message);
    else throw error;
  }
}

function Problem({ text }: { text: string | null }) {
  return text ? (
    <p role="alert" className="error">
      {text}
    </p>
  ) : null;
}

/** "Forgot your password?" on the sign-in page: asks the server to mail a reset link (it answers alike for any address). */
export function ForgotPassword() {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email'));
    void attempt(async () => {
      await api('/auth/password-reset', { method: 'POST', body: { email }, noReauth: true });
      setSent(true);
    }, setProblem);
  }

  if (sent) {
    return (
      <p role="status">
        If that address belongs to a staff member, a link to set a new password is on its way. It works once,
        for 30 minutes.
      </p>
    );
  }
  if (!open) {
    return (
      <Button className="link-button" onPress={() => setOpen(true)}>
        Forgot your password?
      </Button>
    );
  }
  return (
    <Form onSubmit={submit} className="sign-in-form" aria-label="Reset your password">
      <TextField name="email" type="email" autoComplete="username" isRequired autoFocus>
        <Label>Your staff email</Label>
        <Input />
        <FieldError />
      </TextField>
      <Problem text={problem} />
      <Button type="submit" className="primary">
        Send reset link
      </Button>
    </Form>
  );
}

/** The page a reset mail links to (/newsroom/reset-password#token=…): a new password, once. */
export function ResetPasswordPage() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password'));
    void attempt(async () => {
      await api('/auth/password-reset/confirm', {
        method: 'POST',
        body: { token, password },
        noReauth: true,
      });
      setDone(true);
    }, setProblem);
  }

  return (
    <main className="sign-in-page">
      <h1>Set a new password</h1>
      {done ? (
        <>
          <p role="status">Your password is set, and every session you had is signed out.</p>
          <a href="/newsroom/">Sign in</a>
        </>
      ) : (
        <Form onSubmit={submit} className="sign-in-form">
          <NewPasswordField />
          <Problem text={problem} />
          <Button type="submit" className="primary">
            Set password
          </Button>
        </Form>
      )}
    </main>
  );
}
