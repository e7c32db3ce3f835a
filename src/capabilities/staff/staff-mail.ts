import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { MailMessage } from '../../platform/mail/index.js';

/** Mail to staff: plain paragraphs, the same in both parts; the mailer adds the frame and signature. */
export function staffMail(to: string, subject: string, purpose: string, paragraphs: string[]): MailMessage {
  return {
    to,
    subject,
    purpose,
    text: `${paragraphs.join('\n\n')}\n`,
    // Preact escapes the text (a publication name is staff-edited).
    html: renderToString(h('div', null, ...paragraphs.map((p) => h('p', null, p)))),
  };
}

const NOT_YOU =
  'If you did not ask for this, someone may know your password or be trying to guess it: change it, and tell an admin.';

export function passwordResetMail(m: { to: string; publication: string; link: string }): MailMessage {
  return staffMail(m.to, `Choose a new newsroom password for ${m.publication}`, 'staff.password-reset', [
    `Someone asked to reset the password of your newsroom account at ${m.publication}. The link works once, for 30 minutes:`,
    m.link,
    'If you did not ask for this, ignore this mail: your password stays as it is.',
  ]);
}

export function signInCodeMail(m: { to: string; publication: string; code: string }): MailMessage {
  return staffMail(m.to, `Your newsroom sign-in code for ${m.publication}`, 'staff.sign-in-code', [
    `Your account at ${m.publication} has had many failed sign-ins from elsewhere, so signing in from a new device needs this code as well as your password. It works for 15 minutes:`,
    m.code,
    NOT_YOU,
  ]);
}

export function invitationMail(m: {
  to: string;
  publication: string;
  inviter: string;
  role: string;
  link: string;
}): MailMessage {
  return staffMail(m.to, `${m.inviter} invites you to the ${m.publication} newsroom`, 'staff.invitation', [
    `${m.inviter} invites you to join the newsroom of ${m.publication} as ${m.role === 'admin' ? 'an' : 'a'} ${m.role}.`,
    'Open this link to choose your password; it works once, for 72 hours:',
    m.link,
    'If you did not expect this, ignore this mail: no account is made until the link is used.',
  ]);
}
