import type { ConsentEntry } from '../consent/index.js';
import type { Settings } from '../settings/index.js';
import { formatDateTime, legalPath } from '../site/index.js';
import { NEWSLETTER_LISTS, type NewsletterId } from './account.js';
import {
  ButtonForm,
  ErrorSummary,
  Field,
  type FormState,
  HiddenFields,
  Notice,
} from './account-form-parts.js';
import type { ReaderSessionTable } from './account-table.js';

/** What the notice at the top says after each action on the account page (`?saved=`). */
export const SAVED_NOTICES: Record<string, string> = {
  profile: 'Your name is saved.',
  newsletters: 'Your newsletter choices are saved.',
  session: 'That device is signed out.',
  email: 'We have sent a link to your new address. Your address changes when you open it.',
  'email-changed': 'Your email address has changed.',
};

export interface AccountView {
  email: string;
  hasPassword: boolean;
  newsletters: NewsletterId[];
  sessions: ReaderSessionTable[];
  currentSessionId: string;
  consents: ConsentEntry[];
  saved: string | null;
  /** The form that failed, redrawn with its error; the others fresh. */
  profile: FormState;
  emailForm: FormState;
  lists: FormState;
}

export function AccountHomeView(props: { view: AccountView; settings: Settings }) {
  const { view, settings } = props;
  const csrf = view.profile.csrf;
  const notice = view.saved ? SAVED_NOTICES[view.saved] : undefined;
  const error = view.profile.error ?? view.emailForm.error ?? view.lists.error;
  return (
    <>
      <h1>Your account</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary error={error} />
      <p>
        Signed in as <strong>{view.email}</strong>.
      </p>
      <ButtonForm action="/account/sign-out" csrf={csrf} label="Sign out" />

      <section aria-labelledby="profile">
        <h2 id="profile">Profile</h2>
        <form method="post" action="/account/profile" novalidate>
          <HiddenFields form={view.profile} />
          <Field
            form={view.profile}
            name="display_name"
            label="Your name"
            autocomplete="name"
            maxLength={80}
          />
          <button type="submit" class="button button-secondary">
            Save name
          </button>
        </form>
        <h3>Email address</h3>
        <form method="post" action="/account/email" novalidate>
          <HiddenFields form={view.emailForm} />
          <Field
            form={view.emailForm}
            name="new_email"
            label="New email address"
            type="email"
            autocomplete="email"
            hint="We send a link to the new address; your address changes when you open it."
          />
          {view.hasPassword ? (
            <Field
              form={view.emailForm}
              name="password"
              id="email-password"
              label="Your current password"
              type="password"
              autocomplete="current-password"
            />
          ) : null}
          <button type="submit" class="button button-secondary">
            Change email address
          </button>
        </form>
        <p>
          <a href="/account/forgot?return=%2Faccount">
            {view.hasPassword ? 'Change your password' : 'Set a password'}
          </a>{' '}
          (we email you a link).
        </p>
      </section>

      <section aria-labelledby="newsletters">
        <h2 id="newsletters">Newsletters</h2>
        <form method="post" action="/account/newsletters">
          <HiddenFields form={view.lists} />
          <fieldset>
            <legend>Email me</legend>
            {NEWSLETTER_LISTS.map((list) => (
              <div class="choice" key={list.id}>
                <input
                  type="checkbox"
                  id={`list-${list.id}`}
                  name="newsletters"
                  value={list.id}
                  checked={view.newsletters.includes(list.id)}
                  aria-describedby={`list-${list.id}-hint`}
                />
                <label for={`list-${list.id}`}>{list.name}</label>
                <p class="hint" id={`list-${list.id}-hint`}>
                  {list.description}
                </p>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button button-secondary">
            Save choices
          </button>
        </form>
      </section>

      <section aria-labelledby="sessions">
        <h2 id="sessions">Where you are signed in</h2>
        <ul class="sessions">
          {view.sessions.map((s) => (
            <li key={s.id}>
              <p>
                <strong>{s.user_agent ? describeAgent(s.user_agent) : 'Unknown browser'}</strong>
                {s.id === view.currentSessionId ? ' (this device)' : null}
                <br />
                Signed in <time datetime={s.created_at}>{formatDateTime(s.created_at, settings)}</time>, last
                seen <time datetime={s.last_seen_at}>{formatDateTime(s.last_seen_at, settings)}</time>
              </p>
              <ButtonForm
                action="/account/sessions/end"
                csrf={csrf}
                hidden={{ session: s.id }}
                label="Sign out this device"
              />
            </li>
          ))}
        </ul>
        <ButtonForm action="/account/sign-out-everywhere" csrf={csrf} label="Sign out everywhere" />
      </section>

      <section aria-labelledby="consents">
        <h2 id="consents">What you agreed to</h2>
        {view.consents.length === 0 ? (
          <p>No agreements are recorded for this account.</p>
        ) : (
          <ul>
            {view.consents.map((c) => (
              <li key={`${c.documentId}-${c.acceptedAt}`}>
                <a href={legalPath(c.kind === 'terms' ? 'terms' : 'privacy', c.version)}>
                  {c.title}, version {c.version}
                </a>
                : accepted <time datetime={c.acceptedAt}>{formatDateTime(c.acceptedAt, settings)}</time>
                {c.method === 'signup' ? ' when you signed up' : ' when asked after a change'}.
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="your-data">
        <h2 id="your-data">Your data</h2>
        <p>
          <a href="/account/data" download>
            Download my data
          </a>{' '}
          (a JSON file of everything we keep about you).
        </p>
        <p>
          <a href="/account/delete">Delete my account</a>
        </p>
      </section>
    </>
  );
}

/** "Firefox on Android": enough to tell one's devices apart, from the User-Agent kept with the session. */
export function describeAgent(agent: string): string {
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Firefox\//.test(agent)
      ? 'Firefox'
      : /Chrome\//.test(agent)
        ? 'Chrome'
        : /Safari\//.test(agent)
          ? 'Safari'
          : null;
  const system = /Android/.test(agent)
    ? 'Android'
    : /iPhone|iPad/.test(agent)
      ? 'iOS'
      : /Windows/.test(agent)
        ? 'Windows'
        : /Mac OS X/.test(agent)
          ? 'macOS'
          : /Linux/.test(agent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? agent.slice(0, 60);
}

export function DeleteView(props: { form: FormState }) {
  const { form } = props;
  const error = form.error?.field === 'confirm' ? form.error : null;
  return (
    <>
      <h1>Delete your account</h1>
      <ErrorSummary error={form.error} />
      <p>
        This erases your account now: your address, name, password, newsletter choices and every device signed
        in. It cannot be undone.
      </p>
      <p>
        We keep only what the law asks of us: the record that you agreed to our Terms and Privacy Policy, with
        your address replaced by a one-way code.
      </p>
      <form method="post" action="/account/delete" novalidate>
        <HiddenFields form={form} />
        <div class="choice">
          {error ? (
            <p class="field-error" id="confirm-error">
              <span class="visually-hidden">Error: </span>
              {error.message}
            </p>
          ) : null}
          <input
            type="checkbox"
            id="confirm"
            name="confirm"
            value="yes"
            aria-describedby={error ? 'confirm-error' : undefined}
            aria-invalid={error ? 'true' : undefined}
          />
          <label for="confirm">I understand that my account will be deleted for good</label>
        </div>
        <button type="submit" class="button button-danger">
          Delete my account
        </button>
      </form>
      <p>
        <a href="/account">Keep my account</a>
      </p>
    </>
  );
}
