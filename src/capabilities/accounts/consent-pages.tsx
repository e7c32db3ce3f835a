import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { renderDocument } from '../../platform/rendering/render.js';
import type { LegalVersionRef } from '../consent/index.js';
import { consentHistory, listLegalChangesSince, pendingConsents, recordConsents } from '../consent/index.js';
import { isLegalKind, LEGAL_KIND_NAMES } from '../legal/index.js';
import { readSettings } from '../settings/index.js';
import { Layout, legalPath } from '../site/index.js';
import { checkFormToken, clientIp, formToken, requireReader, safeReturnPath } from './index.js';

const CONSENT_PATH = '/account/consent';

const ConsentQuery = Type.Object({ return: Type.Optional(Type.String()) });

const ConsentForm = Type.Object({
  csrf: Type.Optional(Type.String()),
  return: Type.Optional(Type.String()),
  /** The ids of the versions the page showed, comma-separated: the reader accepts what they saw. */
  documents: Type.Optional(Type.String()),
});

/**
 * The re-consent prompt. A reader whose Terms or Privacy Policy changed in a way that needs
 * acceptance is sent here before reading on; accepting records a 'reconsent' entry per document and
 * returns them to where they were.
 */
export const consentPages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps.database;

  app.get(
    CONSENT_PATH,
    {
      schema: {
        tags: ['reader'],
        querystring: ConsentQuery,
        response: { 200: Type.String({ description: 'The re-consent prompt (HTML).' }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const reader = await requireReader(deps, request, reply);
      if (!reader) return reply;
      const back = safeReturnPath(request.query.return);
      const pending = await pendingConsents(db, deps.clock, reader.id);
      if (pending.length === 0) return reply.redirect(back, 303);
      return sendPrompt(deps, request, reply, {
        readerId: reader.id,
        pending,
        back,
        changedMeanwhile: false,
      });
    },
  );

  app.post(
    CONSENT_PATH,
    {
      schema: {
        tags: ['reader'],
        body: ConsentForm,
        response: {
          200: Type.String({ description: 'The prompt again, when the documents changed meanwhile.' }),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      checkFormToken(deps, request, request.body.csrf);
      const reader = await requireReader(deps, request, reply);
      if (!reader) return reply;
      const back = safeReturnPath(request.body.return);
      const shown = new Set((request.body.documents ?? '').split(','));
      const accepted = await inTransaction(db, async (trx) => {
        const pending = await pendingConsents(trx, deps.clock, reader.id);
        // A version published after the page was shown has not been read: ask again, with it.
        if (!pending.every((doc) => shown.has(doc.documentId))) return { ok: false as const, pending };
        await recordConsents(trx, deps, {
          readerId: reader.id,
          email: reader.email,
          documents: pending,
          method: 'reconsent',
          ip: clientIp(request),
        });
        return { ok: true as const };
      });
      if (accepted.ok) return reply.redirect(back, 303);
      return sendPrompt(deps, request, reply, {
        readerId: reader.id,
        pending: accepted.pending,
        back,
        changedMeanwhile: true,
      });
    },
  );
};

interface PromptView {
  readerId: string;
  pending: LegalVersionRef[];
  back: string;
  /** The documents changed between showing the prompt and its submission. */
  changedMeanwhile: boolean;
}

/** What changed in one document since the version the reader last accepted. */
interface PendingDocument {
  ref: LegalVersionRef;
  name: string;
  changes: { version: number; summary: string }[];
}

async function sendPrompt(deps: Deps, request: FastifyRequest, reply: FastifyReply, view: PromptView) {
  const { db } = deps.database;
  const now = deps.clock.now();
  const [settings, history] = await Promise.all([readSettings(db), consentHistory(db, view.readerId)]);
  const documents: PendingDocument[] = [];
  for (const ref of view.pending) {
    const lastAccepted = Math.max(0, ...history.filter((h) => h.kind === ref.kind).map((h) => h.version));
    const since = await listLegalChangesSince(db, ref.kind, lastAccepted, isoTime(now));
    documents.push({
      ref,
      name: isLegalKind(ref.kind) ? LEGAL_KIND_NAMES[ref.kind] : ref.title,
      changes: since
        .filter((v) => v.summary_of_changes.trim() !== '')
        .map((v) => ({ version: Number(v.version), summary: v.summary_of_changes })),
    });
  }
  const token = formToken(deps, request, reply);
  const names = documents.map((d) => d.name).join(' and ');
  return reply.type('text/html; charset=utf-8').send(
    renderDocument(
      <Layout settings={settings} now={now} title={`Updated ${names}`} robots="noindex">
        <article class="consent">
          <h1>We have updated our {names}</h1>
          {view.changedMeanwhile ? (
            <p class="notice sans" role="alert">
              A newer version was published while this page was open, so nothing was recorded yet. Please read
              what changed and accept again.
            </p>
          ) : null}
          <p>
            To go on reading while signed in, please read what changed and accept the new{' '}
            {documents.length === 1 ? 'version' : 'versions'}.
          </p>
          {documents.map((doc) => (
            <section key={doc.ref.documentId} aria-labelledby={`doc-${doc.ref.kind}`}>
              <h2 id={`doc-${doc.ref.kind}`}>
                {doc.name}, version {doc.ref.version}
              </h2>
              {doc.changes.length > 0 ? (
                <>
                  <p>What changed:</p>
                  <ul>
                    {doc.changes.map((c) => (
                      <li key={c.version}>
                        {doc.changes.length > 1 ? `Version ${c.version}: ` : null}
                        {c.summary}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <p>
                <a href={isLegalKind(doc.ref.kind) ? legalPath(doc.ref.kind, doc.ref.version) : '/'}>
                  Read the {doc.name}, version {doc.ref.version}
                </a>
              </p>
            </section>
          ))}
          <form method="post" action={CONSENT_PATH}>
            <input type="hidden" name="csrf" value={token} />
            <input type="hidden" name="return" value={view.back} />
            <input type="hidden" name="documents" value={documents.map((d) => d.ref.documentId).join(',')} />
            <p>
              By choosing "Accept and continue" you agree to the{' '}
              {documents.map((d, i) => (
                <span key={d.ref.documentId}>
                  {i > 0 ? ' and the ' : null}
                  {d.name} (version {d.ref.version})
                </span>
              ))}
              .
            </p>
            <button type="submit" class="button">
              Accept and continue
            </button>
          </form>
          <section aria-labelledby="decline">
            <h2 id="decline">If you do not accept</h2>
            <p>
              You cannot go on reading signed in without accepting. You can sign out and read as a visitor, or
              keep your account and come back later.
            </p>
            <form method="post" action="/account/sign-out">
              <input type="hidden" name="csrf" value={token} />
              <input type="hidden" name="return" value={view.back} />
              <button type="submit" class="button button-secondary">
                Sign out
              </button>
            </form>
            <p>
              From <a href="/account">your account</a> you can also download your data or delete the account.
            </p>
          </section>
        </article>
      </Layout>,
    ),
  );
}
