import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type { ParsedMail } from 'mailparser';

export interface SmtpPeerOptions {
  /** Demand this login (AUTH PLAIN/LOGIN over the plain connection); the url carries it. Default: no login. */
  auth?: { user: string; pass: string };
  /** A port to listen on (to bring a stopped peer back at the same address); default: any free port. */
  port?: number;
  /** Answer RCPT TO for an address with this refusal, such as { code: 550, message: 'No such user' }. */
  refuseRecipient?: (address: string) => { code: number; message: string } | null;
}

export interface SmtpPeer {
  /** `smtp://[user:pass@]127.0.0.1:<port>`: give it to the app as SMTP_URL. */
  readonly url: string;
  readonly port: number;
  /** Every message accepted so far, parsed, in order of arrival. */
  readonly messages: ParsedMail[];
  /** The first message (already here or still to come) that `predicate` accepts; rejects after `timeoutMs`. */
  waitFor(predicate?: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, no TLS), parsing what it receives with
 * mailparser, so tests read links and codes out of mail exactly as a reader's mail program would
 * get them. Close it in afterEach (or a finally).
 */
export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<(mail: ParsedMail) => void>();
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    // Tests close the peer while the app's mailer may still hold a connection: do not wait 30 s for it.
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      const ok = options.auth && auth.username === options.auth.user && auth.password === options.auth.pass;
      if (!ok)
        return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.refuseRecipient?.(address.address);
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          for (const deliver of waiters) deliver(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server keeps its net.Server as `server`; the types do not declare it.
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo)
    .port;
  const login = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : '';

  return {
    url: `smtp://${login}127.0.0.1:${port}`,
    port,
    messages,
    waitFor(predicate = () => true, timeoutMs = 10_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const deliver = (mail: ParsedMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          waiters.delete(deliver);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(deliver);
          const got =
            messages.map((m) => `"${m.subject}" to ${addressesOf(m).join(', ')}`).join('; ') || 'nothing';
          reject(new Error(`No matching mail arrived within ${timeoutMs} ms (received: ${got}).`));
        }, timeoutMs);
        waiters.add(deliver);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The outbox's messages (.eml files, oldest first), parsed, each with its file name. */
export async function readOutbox(dir: string): Promise<Array<ParsedMail & { file: string }>> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = names.filter((name) => name.endsWith('.eml') && !name.startsWith('.')).sort();
  return Promise.all(
    files.map(async (file) =>
      Object.assign(await simpleParser(await fs.readFile(path.join(dir, file))), { file }),
    ),
  );
}

/** The recipients' bare addresses. */
export function addressesOf(mail: ParsedMail): string[] {
  const to = [mail.to ?? []].flat();
  return to.flatMap((group) => group.value.map((a) => a.address ?? ''));
}

/** Every http(s) link in the plain-text part, in order (the part readers without HTML get). */
export function linksIn(mail: ParsedMail): string[] {
  return [...(mail.text ?? '').matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}

/** The first six-digit code standing on its own in the plain-text part, or null. */
export function codeIn(mail: ParsedMail): string | null {
  // Links are taken out first: a random token in a link can hold six digits in a row between letters.
  const text = (mail.text ?? '').replace(/https?:\/\/\S+/g, ' ');
  return text.match(/(?<![\d-])\d{6}(?![\d-])/)?.[0] ?? null;
}
