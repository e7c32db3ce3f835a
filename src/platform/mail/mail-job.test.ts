import fs from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import {
  addressesOf,
  codeIn,
  linksIn,
  readOutbox,
  type SmtpPeer,
  startSmtpPeer,
} from '../../../test/support/smtp.js';
import { updateSetting } from '../../capabilities/settings/index.js';
import type { Deps } from '../../deps.js';
import { buildWorker } from '../../worker.js';
import { fixedClock } from '../clock.js';
import { inTransaction } from '../database/transaction.js';
import { backoffMs, type JobLogger } from '../jobs/index.js';
import { describeMailer, MAIL_JOB, type MailMessage, outboxDir, queueMail } from './index.js';

const LINK = 'https://news.example/account/sign-in?token=s3cret-t0ken';
const message: MailMessage = {
  to: 'reader@example.com',
  subject: 'Sign in to The Ledger',
  text: `Open this link to sign in:\n${LINK}\n\nOr type this code: 482913`,
  html: `<p>Open <a href="${LINK}">this link</a> to sign in, or type this code: <strong>482913</strong></p>`,
  purpose: 'account.sign-in',
};

/** Every line the worker logs, details included, as text: nothing secret may appear in it. */
function recordingLogger(): JobLogger & { text(): string } {
  const lines: string[] = [];
  const log = (details: object, text: string) => {
    const err = (details as { err?: unknown }).err;
    lines.push(
      JSON.stringify({ ...details, err: err instanceof Error ? { ...err, message: err.message } : err }),
      text,
    );
  };
  return { info: log, warn: log, error: log, text: () => lines.join('\n') };
}

const peers: SmtpPeer[] = [];
async function peer(options: Parameters<typeof startSmtpPeer>[0] = {}): Promise<SmtpPeer> {
  const started = await startSmtpPeer(options);
  peers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

describeEachDialect('mail', (t) => {
  async function setUp(env: Record<string, string> = {}) {
    const clock = fixedClock(TEST_NOW);
    const { deps } = await buildTestApp(t.database, { clock, env });
    await updateSetting(deps.database.db, clock, 'publication.name', 'The Ledger');
    const logger = recordingLogger();
    const worker = buildWorker(deps, logger);
    return { deps, clock, logger, worker, db: deps.database.db };
  }

  async function queue(deps: Deps) {
    await inTransaction(deps.database.db, (trx) => queueMail(trx, deps.clock, message));
    return deps.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', MAIL_JOB)
      .executeTakeFirstOrThrow();
  }

  async function jobRow(deps: Deps, id: string) {
    return deps.database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  /** The job row and the logs hold no link, no code and no whole address. */
  function expectNoSecrets(text: string) {
    expect(text).not.toContain('s3cret-t0ken');
    expect(text).not.toContain('482913');
    expect(text).not.toContain('reader@example.com');
  }

  it('without SMTP_URL writes one parseable .eml to the outbox, then blanks the job payload', async () => {
    const { deps, worker, logger } = await setUp();
    const job = await queue(deps);
    expect(job).toMatchObject({ status: 'queued', max_attempts: 8 });
    expect(await worker.runDue()).toBe(1);

    const dir = outboxDir(deps.config);
    const [mail, ...others] = await readOutbox(dir);
    expect(others).toEqual([]);
    expect(mail!.file).toBe(`2026-11-16T09-00-00.000Z-account.sign-in-${job.id}.eml`);
    expect(fs.readdirSync(dir)).toEqual([mail!.file]);
    expect(mail!.subject).toBe('Sign in to The Ledger');
    expect(mail!.from?.value).toEqual([{ name: 'The Ledger', address: 'no-reply@news.example' }]);
    expect(addressesOf(mail!)).toEqual(['reader@example.com']);
    expect(mail!.messageId).toBe(`<${job.id}@news.example>`);
    expect(mail!.date?.toISOString()).toBe(TEST_NOW);
    expect(mail!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(linksIn(mail!)).toEqual([LINK, 'https://news.example/']);
    expect(codeIn(mail!)).toBe('482913');
    expect(mail!.html).toContain(message.html);
    expect(mail!.html).toContain('The Ledger</a>');

    const done = await jobRow(deps, job.id);
    expect(done.status).toBe('done');
    expect(JSON.parse(done.payload)).toEqual({
      outcome: 'sent',
      purpose: 'account.sign-in',
      to: 'r***@example.com',
      messageId: `<${job.id}@news.example>`,
    });
    expectNoSecrets(`${done.payload}\n${logger.text()}`);
  });

  it('sends over SMTP with the login from SMTP_URL, both parts and the publication as sender', async () => {
    const smtp = await peer({ auth: { user: 'masthead', pass: 'p@ss:word/1' } });
    const { deps, worker } = await setUp({ SMTP_URL: smtp.url, MAIL_FROM: 'desk@mail.news.example' });
    const job = await queue(deps);
    expect(await worker.runDue()).toBe(1);

    const mail = await smtp.waitFor((m) => addressesOf(m).includes('reader@example.com'));
    expect(mail.from?.value).toEqual([{ name: 'The Ledger', address: 'desk@mail.news.example' }]);
    expect(mail.messageId).toBe(`<${job.id}@mail.news.example>`);
    expect(linksIn(mail)[0]).toBe(LINK);
    expect(codeIn(mail)).toBe('482913');
    expect(mail.html).toContain('<html lang="en-US">');
    expect((await jobRow(deps, job.id)).status).toBe('done');
    expect(fs.existsSync(outboxDir(deps.config))).toBe(false);
  });

  it('retries while the SMTP server is away and sends once it is back', async () => {
    const away = await peer();
    await away.close();
    const { deps, clock, worker, logger } = await setUp({ SMTP_URL: away.url });
    const job = await queue(deps);

    expect(await worker.runDue()).toBe(1);
    const waiting = await jobRow(deps, job.id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting.last_error).toMatch(
      /^Mail "account\.sign-in" to r\*\*\*@example\.com was not sent: .*ECONNREFUSED/,
    );
    expect(JSON.parse(waiting.payload).message).toEqual(message);

    const back = await peer({ port: away.port });
    clock.advance(backoffMs(1));
    expect(await worker.runDue()).toBe(1);
    expect(await jobRow(deps, job.id)).toMatchObject({ status: 'done', attempts: 2 });
    const mail = await back.waitFor();
    expect(mail.messageId).toBe(`<${job.id}@news.example>`);
    expectNoSecrets(logger.text());
  });

  it('fails a message the server refuses for good (5xx) without sending it again', async () => {
    const tries: string[] = [];
    const smtp = await peer({
      refuseRecipient: (address) => {
        tries.push(address);
        return { code: 550, message: `5.1.1 <${address}>: mailbox unavailable` };
      },
    });
    const { deps, clock, worker, logger } = await setUp({ SMTP_URL: smtp.url });
    const job = await queue(deps);

    // The refusal is permanent: the queue fails the job at its first attempt; later polls ask no one.
    await worker.runDue();
    clock.advance(backoffMs(1));
    expect(await worker.runDue()).toBe(0);
    const failed = await jobRow(deps, job.id);
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(
      /^Mail "account\.sign-in" to r\*\*\*@example\.com was refused: 550 .*r\*\*\*@example\.com/,
    );
    expect(tries).toEqual(['reader@example.com']);
    expect(smtp.messages).toEqual([]);
    expect(JSON.parse(failed.payload)).toMatchObject({ outcome: 'refused', to: 'r***@example.com' });
    expectNoSecrets(`${failed.payload}\n${failed.last_error}\n${logger.text()}`);
  });

  it('gives up after the last attempt and keeps no message in the failed job', async () => {
    const away = await peer();
    await away.close();
    const { deps, clock, worker } = await setUp({ SMTP_URL: away.url });
    const job = await queue(deps);
    for (let attempt = 1; attempt <= 8; attempt++) {
      expect(await worker.runDue()).toBe(1);
      clock.advance(backoffMs(attempt));
    }
    expect(await worker.runDue()).toBe(0);
    const failed = await jobRow(deps, job.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 8 });
    expect(JSON.parse(failed.payload)).toMatchObject({ outcome: 'abandoned', to: 'r***@example.com' });
    expectNoSecrets(failed.payload);
  });

  it('refuses to queue a message that could never go, and queues nothing when the caller rolls back', async () => {
    const { deps } = await setUp();
    const { db } = deps.database;
    await expect(queueMail(db, deps.clock, { ...message, to: 'a@x.example, b@x.example' })).rejects.toThrow(
      /`to` is not one mail address/,
    );
    await expect(
      inTransaction(db, async (trx) => {
        await queueMail(trx, deps.clock, message);
        throw new Error('the account was not saved');
      }),
    ).rejects.toThrow('the account was not saved');
    expect(await db.selectFrom('jobs').select('id').execute()).toEqual([]);
  });

  it('says where mail goes, never with the SMTP password', async () => {
    const { deps } = await setUp();
    expect(describeMailer(deps.config)).toBe(
      `written to ${deps.config.dataDir}/outbox (set SMTP_URL to send)`,
    );
    const { deps: smtpDeps } = await buildTestApp(t.database, {
      env: { SMTP_URL: 'smtps://u:hunter2@mail.example' },
    });
    expect(describeMailer(smtpDeps.config)).toBe(
      'SMTP at mail.example:465 (TLS), from no-reply@news.example',
    );
  });
});
