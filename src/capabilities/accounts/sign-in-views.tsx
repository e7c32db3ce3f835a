import { legalPath } from '../site/index.js';
import { PASSWORD_MIN } from './account.js';
import {
  ButtonForm,
  ErrorSummary,
  Field,
  type FormState,
  GuardFields,
  HiddenFields,
} from './account-form-parts.js';
import { accountLinks } from './account-service.js';

const CODE_PATTERN = '[0-9 ]{6,7}';

export function SignUpView(props: { form: FormState }) {
  const { form } = props;
  return (
    <>
      <h1>Create a free account</h1>
      <ErrorSummary error={form.error} />
      <form method="post" action="/account/sign-up" novalidate>
        <HiddenFields form={form} />
        <Field form={form} name="email" label="Email address" type="email" autocomplete="email" required />
        <Field
          form={form}
          name="display_name"
          label="Your name (optional)"
          autocomplete="name"
          hint="How we greet you. You can leave it empty."
          maxLength={80}
        />
        <Field
          form={form}
          name="password"
          label="Password (optional)"
          type="password"
          autocomplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters. Leave it empty to sign in with a link and code we email you.`}
        />
        <GuardFields form={form} />
        <p class="consent-line">
          By continuing you agree to our <a href={legalPath('privacy')}>Privacy Policy</a> and{' '}
          <a href={legalPath('terms')}>Terms of Use</a>.
        </p>
        <button type="submit" class="button">
          Create account
        </button>
      </form>
      <p class="form-aside">
        Already have an account? <a href={accountLinks.signIn(form.back)}>Sign in</a>
      </p>
    </>
  );
}

/** Two ways in on one page: a password, or a link and code by mail. Each form has its own error. */
export function SignInView(props: { password: FormState; link: FormState }) {
  const { password, link } = props;
  return (
    <>
      <h1>Sign in</h1>
      <ErrorSummary error={password.error ?? link.error} />
      <section aria-labelledby="with-password">
        <h2 id="with-password">With your password</h2>
        <form method="post" action="/account/sign-in" novalidate>
          <HiddenFields form={password} />
          <Field
            form={password}
            name="email"
            label="Email address"
            type="email"
            autocomplete="email"
            required
          />
          <Field
            form={password}
            name="password"
            label="Password"
            type="password"
            autocomplete="current-password"
            required
          />
          <button type="submit" class="button">
            Sign in
          </button>
        </form>
        <p class="form-aside">
          <a href={accountLinks.forgot(password.back)}>Forgotten your password?</a>
        </p>
      </section>
      <section aria-labelledby="with-link">
        <h2 id="with-link">With a link and code by email</h2>
        <p>No password needed: we email you a link, and a 6-digit code for when the link opens elsewhere.</p>
        <form method="post" action="/account/sign-in/link" novalidate>
          <HiddenFields form={link} />
          <Field
            form={link}
            name="email"
            id="link-email"
            label="Email address"
            type="email"
            autocomplete="email"
            required
          />
          <GuardFields form={link} />
          <button type="submit" class="button button-secondary">
            Email me a link and code
          </button>
        </form>
      </section>
      <p class="form-aside">
        New here? <a href={accountLinks.signUp(password.back)}>Create a free account</a>
      </p>
    </>
  );
}

/**
 * "Check your inbox", with the code form. It is the same page whether or not the address has an
 * account; the mail tells the reader which.
 */
export function CheckInboxView(props: { form: FormState; resend: FormState; intro: string }) {
  const { form, resend } = props;
  return (
    <>
      <h1>Check your inbox</h1>
      <ErrorSummary error={form.error} />
      <p>{props.intro}</p>
      <p>Open the link in the mail, or type the 6-digit code from it here. The code works for 15 minutes.</p>
      <form method="post" action="/account/code" novalidate>
        <HiddenFields form={form} />
        <Field
          form={form}
          name="email"
          id="code-email"
          label="Email address"
          type="email"
          autocomplete="email"
          required
        />
        <Field
          form={form}
          name="code"
          label="Code"
          autocomplete="one-time-code"
          inputMode="numeric"
          pattern={CODE_PATTERN}
          maxLength={7}
          keepValue={false}
          hint="Six digits, from the mail we sent."
          required
        />
        <button type="submit" class="button">
          Continue
        </button>
      </form>
      <section aria-labelledby="no-mail">
        <h2 id="no-mail">No mail?</h2>
        <p>Mail can take a minute or two. Look in your spam folder, then ask for a new one.</p>
        <form method="post" action="/account/resend" novalidate>
          <HiddenFields form={resend} />
          <input type="hidden" name="email" value={resend.values.email ?? ''} />
          <GuardFields form={resend} />
          <button type="submit" class="button button-secondary">
            Send it again
          </button>
        </form>
      </section>
    </>
  );
}

/** A mailed link opens this page; the button spends it, so a mail scanner following links spends nothing. */
export function LinkView(props: { csrf: string; back: string; token: string }) {
  return (
    <>
      <h1>Continue to sign in</h1>
      <p>Your link is ready. Continue to confirm your address and sign in on this device.</p>
      <ButtonForm
        action="/account/link"
        csrf={props.csrf}
        back={props.back}
        hidden={{ token: props.token }}
        label="Continue"
        variant="primary"
      />
    </>
  );
}

export function DeadLinkView(props: { back: string; what: 'sign-in' | 'reset' | 'email' }) {
  const again =
    props.what === 'reset' ? (
      <a href={accountLinks.forgot(props.back)}>Ask for a new link</a>
    ) : props.what === 'email' ? (
      <a href="/account">Go to your account to ask again</a>
    ) : (
      <a href={accountLinks.signIn(props.back)}>Ask for a new link</a>
    );
  return (
    <>
      <h1 data-error-code="LINK_INVALID">This link no longer works</h1>
      <p>Links from our mails work once, for a short time, and only the newest one works.</p>
      <p>{again}.</p>
    </>
  );
}

export function ForgotView(props: { form: FormState }) {
  const { form } = props;
  return (
    <>
      <h1>Forgotten your password?</h1>
      <ErrorSummary error={form.error} />
      <p>Give the address of your account and we will email you a link to choose a new password.</p>
      <form method="post" action="/account/forgot" novalidate>
        <HiddenFields form={form} />
        <Field form={form} name="email" label="Email address" type="email" autocomplete="email" required />
        <GuardFields form={form} />
        <button type="submit" class="button">
          Email me a link
        </button>
      </form>
    </>
  );
}

export function ForgotSentView(props: { email: string; back: string }) {
  return (
    <>
      <h1>Check your inbox</h1>
      <p>
        We have sent a mail to {props.email}. If there is an account for it, the mail has a link to choose a
        new password; it works for an hour.
      </p>
      <p>
        <a href={accountLinks.signIn(props.back)}>Back to sign in</a>
      </p>
    </>
  );
}

export function ResetView(props: { form: FormState; token: string }) {
  const { form } = props;
  return (
    <>
      <h1>Choose a new password</h1>
      <ErrorSummary error={form.error} />
      <form method="post" action="/account/reset" novalidate>
        <HiddenFields form={form} />
        <input type="hidden" name="token" value={props.token} />
        <Field
          form={form}
          name="password"
          label="New password"
          type="password"
          autocomplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters. Every other device signed in to your account is signed out.`}
          required
        />
        <button type="submit" class="button">
          Save password and sign in
        </button>
      </form>
    </>
  );
}

/** A plain page that says what happened, with a way on. */
export function MessageView(props: {
  title: string;
  message: string;
  link?: { href: string; label: string };
}) {
  return (
    <>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.link ? (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      ) : null}
    </>
  );
}
