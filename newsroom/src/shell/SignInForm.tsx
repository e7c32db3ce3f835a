import { type FormEvent, useState } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { ApiError, api, OfflineError } from '../api/client';
import { BusyButton } from './BusyButton';
import { type SignInReply, type SignInStep, useSession } from './session';

interface Enrolment {
  secret: string;
  uri: string;
}

const STEP_HINTS: Record<SignInStep['next'], string> = {
  'two-factor': 'The 6-digit code from your authenticator app, or one of your recovery codes.',
  'mailed-code':
    'This browser is new to us and your account has seen many failed sign-ins, so we mailed you a sign-in code.',
  enrol:
    'Your paper asks every staff member to sign in with two steps. Add this key to an authenticator app, then type the code it shows.',
};

/**
 * Email, password and "Sign in", then the second step the server asks for, if any (a code from the
 * authenticator app, a mailed code, or setting up two-factor); on the sign-in page and in the dialog
 * of an expired session.
 */
export function SignInForm({ onSignedIn }: { onSignedIn?: () => void }) {
  const { signIn, signedIn } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<SignInStep | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [recovery, setRecovery] = useState<{ codes: string[]; reply: SignInReply } | null>(null);

  async function attempt(work: () => Promise<void>) {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      if (error instanceof ApiError || error instanceof OfflineError) setProblem(error.message);
      else throw error;
    } finally {
      setBusy(false);
    }
  }

  function finish(reply: SignInReply) {
    signedIn(reply);
    onSignedIn?.();
  }

  function submitPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void attempt(async () => {
      const next = await signIn(String(data.get('email')), String(data.get('password')));
      if (!next) return onSignedIn?.();
      if (next.next === 'enrol') {
        setEnrolment(
          await api<Enrolment>('/auth/two-factor/enrol', {
            method: 'POST',
            body: { challenge: next.challenge },
            noReauth: true,
          }),
        );
      }
      setStep(next);
    });
  }

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!step) return;
    const code = String(new FormData(event.currentTarget).get('code')).trim();
    void attempt(async () => {
      if (step.next === 'enrol') {
        const done = await api<{ recoveryCodes: string[]; signedIn: SignInReply | null }>(
          '/auth/two-factor/confirm',
          { method: 'POST', body: { challenge: step.challenge, code }, noReauth: true },
        );
        // Shown once, before the app opens: the only way in if the phone is lost.
        if (done.signedIn) setRecovery({ codes: done.recoveryCodes, reply: done.signedIn });
        return;
      }
      finish(
        await api<SignInReply>('/auth/sign-in/verify', {
          method: 'POST',
          body: { challenge: step.challenge, code },
          noReauth: true,
        }),
      );
    });
  }

  const error = problem && (
    <p role="alert" className="error">
      {problem}
    </p>
  );

  if (recovery) {
    return (
      <div className="sign-in-form">
        <p>
          Two-step sign-in is on. Keep these recovery codes somewhere safe; each works once, and they are not
          shown again.
        </p>
        <ul aria-label="Recovery codes" className="recovery-codes">
          {recovery.codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <Button className="primary" onPress={() => finish(recovery.reply)}>
          Continue
        </Button>
      </div>
    );
  }

  if (step) {
    return (
      // Its own key: React must not reuse the password field for the code (it would show the password).
      <Form key="code" onSubmit={submitCode} className="sign-in-form">
        {enrolment && (
          <p>
            Two-factor key: <code data-testid="two-factor-key">{enrolment.secret}</code>
          </p>
        )}
        <TextField name="code" autoComplete="one-time-code" isRequired autoFocus>
          <Label>Code</Label>
          <Input />
          <Text slot="description">{STEP_HINTS[step.next]}</Text>
          <FieldError />
        </TextField>
        {error}
        <BusyButton type="submit" busy={busy} className="primary">
          Continue
        </BusyButton>
      </Form>
    );
  }

  return (
    <Form key="password" onSubmit={submitPassword} className="sign-in-form">
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
      {error}
      <BusyButton type="submit" busy={busy} className="primary">
        Sign in
      </BusyButton>
    </Form>
  );
}
