import type { SendMailOptions } from 'nodemailer';
import { isMailAddress } from '../mail-address.js';
import { oneLine } from '../one-line.js';
import { renderDocument } from '../rendering/render.js';
import { MailFrame } from './mail-frame.js';

/** One message to one reader. The mailer adds From (the publication's name) and sends both parts. */
export interface MailMessage {
  to: string;
  subject: string;
  /** The plain-text part; every link and code must be in it too. */
  text: string;
  /** The HTML part: a small fragment; the mailer wraps it in the publication's frame. */
  html: string;
  /** What the mail is for, for logs and the outbox file name: 'account.verify', 'account.sign-in'. */
  purpose: string;
}

/** What the mailer learns at send time: who the paper is and which job this message is. */
export interface MailSender {
  publicationName: string;
  /** BCP 47, the `lang` of the HTML part. */
  locale: string;
  publicUrl: URL;
  /** MAIL_FROM. */
  address: string;
  /** The mail job's id: the Message-ID is made from it, so a resent duplicate is recognisable. */
  jobId: string;
  date: Date;
}

const PURPOSE = /^[a-z0-9]+([.-][a-z0-9]+)*$/;
const SUBJECT_MAX = 200;

/**
 * A caller's mistake, thrown rather than queued: a message that can never be sent would only retry.
 * The recipient must be one bare address, so no caller can turn one message into mail to many.
 */
export function assertSendable(message: MailMessage): void {
  const problems: string[] = [];
  if (!isMailAddress(message.to)) problems.push('`to` is not one mail address');
  if (
    message.subject.trim() === '' ||
    message.subject.length > SUBJECT_MAX ||
    /[\r\n]/.test(message.subject)
  ) {
    problems.push(`the subject must be one line of 1 to ${SUBJECT_MAX} characters`);
  }
  if (message.text.trim() === '') problems.push('the plain-text part is empty');
  if (message.html.trim() === '') problems.push('the HTML part is empty');
  if (!PURPOSE.test(message.purpose)) problems.push('the purpose must look like "account.verify"');
  if (problems.length > 0) throw new Error(`This mail cannot be sent: ${problems.join('; ')}.`);
}

/** The message as nodemailer takes it: From the publication, both parts framed, a Message-ID from the job. */
export function composeMail(message: MailMessage, sender: MailSender): SendMailOptions {
  const domain = sender.address.slice(sender.address.lastIndexOf('@') + 1);
  const site = sender.publicUrl.href;
  return {
    // Header values are one line whatever a setting holds: no header is split, no mail fails for it.
    from: { name: oneLine(sender.publicationName), address: sender.address },
    to: message.to,
    subject: oneLine(message.subject),
    date: sender.date,
    messageId: `<${sender.jobId}@${domain}>`,
    // RFC 3834: mail sent by a machine; out-of-office replies must not answer it.
    headers: { 'Auto-Submitted': 'auto-generated' },
    text: `${message.text.trimEnd()}\n\n-- \n${sender.publicationName}\n${site}\n`,
    html: renderDocument(
      MailFrame({
        publicationName: sender.publicationName,
        locale: sender.locale,
        siteUrl: site,
        subject: message.subject,
        html: message.html,
      }),
    ),
  };
}
