import { renderToString } from 'preact-render-to-string';
import type { MailMessage } from '../../platform/mail/index.js';

/** One paragraph of a mail, written once for both the plain-text and the HTML part. */
type Part = { text: string } | { link: string; label: string } | { code: string };

function compose(to: string, subject: string, purpose: string, parts: Part[]): MailMessage {
  const text = parts
    .map((p) => ('text' in p ? p.text : 'link' in p ? `${p.label}:\n${p.link}` : `Your code: ${p.code}`))
    .join('\n\n');
  const html = renderToString(
    <div>
      {parts.map((p) =>
        'text' in p ? (
          <p>{p.text}</p>
        ) : 'link' in p ? (
          <p>
            <a href={p.link}>{p.label}</a>
          </p>
        ) : (
          <p>
            Your code: <strong style="font-size:1.5em;letter-spacing:0.15em">{p.code}</strong>
          </p>
        ),
      )}
    </div>,
  );
  return { to, subject, text: `${text}\n`, html, purpose };
}

const IGNORE = 'If you did not ask for this, you can ignore this mail: nothing changes.';

export function confirmAddressMail(m: { to: string; publication: string; link: string; code: string }) {
  return compose(m.to, `Confirm your email address for ${m.publication}`, 'account.verify', [
    { text: `Welcome to ${m.publication}. Confirm that this is your address, and you are signed in.` },
    { link: m.link, label: 'Confirm my address' },
    { text: 'Or type this code on the page where you signed up (it works for 15 minutes):' },
    { code: m.code },
    { text: IGNORE },
  ]);
}

export function alreadyRegisteredMail(m: {
  to: string;
  publication: string;
  link: string;
  code: string;
  resetLink: string;
}) {
  return compose(m.to, `You already have an account at ${m.publication}`, 'account.already-registered', [
    {
      text: `Someone, probably you, tried to create an account at ${m.publication} with this address. You already have one, so no new account was made.`,
    },
    { link: m.link, label: 'Sign in' },
    { text: 'Or type this code on the page you came from (it works for 15 minutes):' },
    { code: m.code },
    { link: m.resetLink, label: 'Forgotten your password? Choose a new one' },
    { text: IGNORE },
  ]);
}

export function signInMail(m: { to: string; publication: string; link: string; code: string }) {
  return compose(m.to, `Sign in to ${m.publication}`, 'account.sign-in', [
    { text: `Here is your link to sign in to ${m.publication}. It works once, for 15 minutes.` },
    { link: m.link, label: 'Sign in' },
    { text: 'If the link does not open where you were reading, type this code on the sign-in page:' },
    { code: m.code },
    { text: IGNORE },
  ]);
}

export function noAccountMail(m: {
  to: string;
  publication: string;
  signUpLink: string;
  asked: 'sign-in' | 'reset';
}) {
  const what = m.asked === 'sign-in' ? 'to sign in to' : 'to reset the password of an account at';
  return compose(m.to, `No account at ${m.publication} for this address`, 'account.no-account', [
    {
      text: `Someone, probably you, asked ${what} ${m.publication} with this address, but there is no account for it.`,
    },
    { link: m.signUpLink, label: 'Create a free account' },
    { text: IGNORE },
  ]);
}

export function resetPasswordMail(m: { to: string; publication: string; link: string }) {
  return compose(m.to, `Choose a new password for ${m.publication}`, 'account.reset-password', [
    {
      text: `Open this link to choose a new password for your account at ${m.publication}. It works once, for an hour.`,
    },
    { link: m.link, label: 'Choose a new password' },
    { text: 'If you did not ask for this, ignore this mail: your password stays as it is.' },
  ]);
}

export function confirmNewAddressMail(m: { to: string; publication: string; link: string }) {
  return compose(m.to, `Confirm your new address for ${m.publication}`, 'account.change-email', [
    { text: `Confirm that your account at ${m.publication} should use this address from now on.` },
    { link: m.link, label: 'Use this address' },
    { text: 'The link works once, for 24 hours. If you did not ask for this, ignore it: nothing changes.' },
  ]);
}

export function addressChangeRequestedMail(m: {
  to: string;
  publication: string;
  newEmail: string;
  accountLink: string;
}) {
  return compose(
    m.to,
    `A change of address was asked for at ${m.publication}`,
    'account.change-email-notice',
    [
      {
        text: `Someone signed in to your account at ${m.publication} asked to move it to ${m.newEmail}. It changes only once that address confirms.`,
      },
      {
        text: 'If this was not you, open your account page, choose "Sign out everywhere" and change your password.',
      },
      { link: m.accountLink, label: 'Your account' },
    ],
  );
}

export function addressTakenMail(m: { to: string; publication: string }) {
  return compose(m.to, `Your address and ${m.publication}`, 'account.change-email-taken', [
    {
      text: `Someone asked to move an account at ${m.publication} to this address. You already have an account with this address, so nothing changed.`,
    },
    { text: IGNORE },
  ]);
}

export function addressChangedMail(m: { to: string; publication: string; newEmail: string }) {
  return compose(m.to, `Your address at ${m.publication} has changed`, 'account.change-email-done', [
    {
      text: `Your account at ${m.publication} now uses ${m.newEmail}. Mail about it goes there from now on.`,
    },
    { text: 'If this was not you, contact the paper at once.' },
  ]);
}
