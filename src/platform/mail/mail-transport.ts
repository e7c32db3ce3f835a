import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Config } from '../../config.js';
import { outboxDir, writeOutboxFile } from './mail-outbox.js';

/** Sends composed messages one way: over SMTP, or as files in the outbox. */
export interface MailTransport {
  /** `fileName` names the message in the outbox; SMTP ignores it. */
  send(mail: SendMailOptions, fileName: string): Promise<void>;
  close(): void;
}

/**
 * nodemailer waits minutes by default (2 to connect, 10 idle); a send must end well inside the job
 * worker's 5-minute claim, or a second worker takes the job over while this one still talks.
 */
const SMTP_TIMEOUTS = {
  connectionTimeout: 15_000,
  greetingTimeout: 15_000,
  dnsTimeout: 15_000,
  socketTimeout: 60_000,
};

/** The SMTP port nodemailer uses when SMTP_URL names none. */
function smtpPort(url: URL): number {
  return Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587);
}

export function createMailTransport(config: Config): MailTransport {
  if (config.smtpUrl) {
    // The URL carries user, password and any nodemailer option as a query (?tls.servername=...);
    // settings in the URL win over the timeouts above.
    const smtp = nodemailer.createTransport({ url: config.smtpUrl.href, ...SMTP_TIMEOUTS });
    return {
      async send(mail) {
        await smtp.sendMail(mail);
      },
      close: () => smtp.close(),
    };
  }
  const dir = outboxDir(config);
  // CRLF line ends: an .eml file is the message exactly as it would go over the wire (RFC 5322).
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail, fileName) {
      const info = await stream.sendMail(mail);
      await writeOutboxFile(dir, fileName, info.message as Buffer);
    },
    close: () => stream.close(),
  };
}

/** One line for `npm start` and the doctor: where mail goes. Never shows the SMTP password. */
export function describeMailer(config: Config): string {
  if (config.smtpUrl) {
    const secure = config.smtpUrl.protocol === 'smtps:' ? ' (TLS)' : '';
    return `SMTP at ${config.smtpUrl.hostname}:${smtpPort(config.smtpUrl)}${secure}, from ${config.mailFrom}`;
  }
  return `written to ${outboxDir(config)} (set SMTP_URL to send)`;
}
