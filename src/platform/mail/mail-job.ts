import type { NodemailerError } from 'nodemailer';
import type { Clock } from '../clock.js';
import type { Db } from '../database/database.js';
import { enqueueJob, type JobContext, type JobHandler } from '../jobs/index.js';
import { maskAddress, maskAddressesIn } from '../mail-address.js';
import { oneLine } from '../one-line.js';
import { MAIL_JOB, type MailOutcome, recordMailOutcome } from './mail-job-repository.js';
import { assertSendable, composeMail, type MailMessage } from './mail-message.js';
import { outboxFileName } from './mail-outbox.js';
import { createMailTransport } from './mail-transport.js';

/** Backoff 30 s, 1, 2, 4, 8, 16, 32 min: a mail server may be away for about an hour before mail is given up. */
const MAX_ATTEMPTS = 8;

type MailJobPayload = { message: MailMessage } | MailOutcome;

/** What mail is signed with, read when each message goes so a renamed paper sends under its new name. */
export interface MailPublication {
  readonly name: string;
  readonly locale: string;
}

/** Reads the sender's name and locale; the worker passes one over the settings, so mail knows no capability. */
export type ReadMailPublication = (db: Db) => Promise<MailPublication>;

/**
 * Queues a message as a durable job. Pass the caller's transaction so the mail goes exactly when the
 * change that caused it commits. Throws when the message could never be sent (a caller's mistake).
 */
export async function queueMail(db: Db, clock: Clock, queued: MailMessage): Promise<void> {
  // A subject made from a setting (the publication's name) is one line whatever the setting holds.
  const message = { ...queued, subject: oneLine(queued.subject) };
  assertSendable(message);
  const { to, subject, text, html, purpose } = message;
  await enqueueJob(db, clock, {
    kind: MAIL_JOB,
    payload: { message: { to, subject, text, html, purpose } },
    maxAttempts: MAX_ATTEMPTS,
  });
}

/** Thrown so the job queue records the failure; its message names the purpose and a masked address only. */
class MailNotSent extends Error {
  override name = 'MailNotSent';
  constructor(
    message: string,
    /** The server refused this message for good; sending it again would be refused again. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * Sends one queued message, then blanks the job's payload (see recordMailOutcome). Safe to repeat,
 * with one gap accepted for mail: a worker that stops after the server took the message and before
 * the payload is blanked leaves the job to run again, and the reader gets the message twice. Both
 * copies carry the same Message-ID (made from the job id), so mail programs and people can see the
 * second is a duplicate. In outbox mode the second copy overwrites the first file.
 */
async function sendMailJob(
  payload: MailJobPayload,
  ctx: JobContext,
  readPublication: ReadMailPublication,
): Promise<void> {
  if ('outcome' in payload) {
    // An earlier attempt finished; this run only lets the queue record what it found.
    if (payload.outcome === 'sent') return;
    throw new MailNotSent(
      `Mail "${payload.purpose}" to ${payload.to} was ${payload.outcome}: ${payload.detail}`,
      true,
    );
  }
  const { message } = payload;
  const label = `Mail "${message.purpose}" to ${maskAddress(message.to)}`;
  const publication = await readPublication(ctx.db);
  const mail = composeMail(message, {
    publicationName: publication.name,
    locale: publication.locale,
    publicUrl: ctx.config.publicUrl,
    address: ctx.config.mailFrom,
    jobId: ctx.jobId,
    date: ctx.clock.now(),
  });
  const outcome = {
    purpose: message.purpose,
    to: maskAddress(message.to),
    messageId: String(mail.messageId),
  };
  const transport = createMailTransport(ctx.config);
  try {
    await transport.send(mail, outboxFileName(ctx.jobId, message.purpose));
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.permanent) {
      await recordMailOutcome(ctx.db, ctx.jobId, { ...outcome, outcome: 'refused', detail: failure.text });
      throw new MailNotSent(`${label} was refused: ${failure.text}`, true);
    }
    if (ctx.attempt >= ctx.maxAttempts) {
      await recordMailOutcome(ctx.db, ctx.jobId, { ...outcome, outcome: 'abandoned', detail: failure.text });
    }
    throw new MailNotSent(`${label} was not sent: ${failure.text}`, false);
  } finally {
    transport.close();
  }
  await recordMailOutcome(ctx.db, ctx.jobId, { ...outcome, outcome: 'sent' });
}

/**
 * Sorts a failure into "this message will never go" and "try again later", in words fit for a log:
 * the server's reply with every address in it masked, never the message. Only a 5xx reply to the
 * recipient or to the message itself is permanent. A refused login or sender address is the
 * operator's setting and refuses every message alike; those retry, so mail queued meanwhile goes
 * once SMTP_URL or MAIL_FROM is fixed and the server restarted.
 */
function describeFailure(error: unknown): { permanent: boolean; text: string } {
  const e = error as NodemailerError;
  const text = maskAddressesIn(
    e.response ?? `${e.code ? `${e.code} ` : ''}${e.message ?? String(error)}`,
  ).slice(0, 500);
  const aboutThisMessage = e.command === 'RCPT TO' || e.command === 'DATA';
  return { permanent: e.permanent === true && aboutThisMessage, text };
}

/** The mail job's handler, reading the sender's name and locale through `readPublication`. */
export function mailJobs(readPublication: ReadMailPublication): Record<string, JobHandler> {
  return { [MAIL_JOB]: (payload, ctx) => sendMailJob(payload, ctx, readPublication) };
}
