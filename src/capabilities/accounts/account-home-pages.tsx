import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import { consentHistory } from '../consent/index.js';
import { checkDisplayName, checkNewsletterChoices, parseNewsletters } from './account.js';
import { ACCOUNT_RULES, limitOrRefuse } from './account-abuse.js';
import {
  confirmEmailChange,
  deleteAccount,
  getReader,
  readerDataExport,
  requestEmailChange,
  saveDisplayName,
  saveNewsletters,
} from './account-data-service.js';
import type { FormError, FormState } from './account-form-parts.js';
import { ButtonForm } from './account-form-parts.js';
import { AccountHomeView, DeleteView, SAVED_NOTICES } from './account-home-view.js';
import { sendAccountPage } from './account-render.js';
import { AccountForm, AccountQuery, HtmlPage } from './account-schemas.js';
import { findLiveToken } from './account-tokens.js';
import { checkFormToken, formToken } from './reader-forms.js';
import { clearReaderCookie, requireReader, type SignedInReader, signedInReader } from './reader-session.js';
import {
  deleteAllReaderSessions,
  deleteReaderSession,
  listReaderSessions,
} from './reader-session-repository.js';
import { DeadLinkView, MessageView } from './sign-in-views.js';

type Failed = { form: 'profile' | 'emailForm' | 'lists'; error: FormError; values: Record<string, string> };

/** The account page and what it changes: name, address, newsletters, devices, data, deletion. */
export const accountHomePages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps.database;
  const schema = { querystring: AccountQuery, response: { 200: HtmlPage } };
  const postSchema = { body: AccountForm, response: { 200: HtmlPage } };

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    reader: SignedInReader,
    opts: { saved?: string | undefined; failed?: Failed } = {},
  ) => {
    const [row, sessions, consents] = await Promise.all([
      getReader(db, reader.id),
      listReaderSessions(db, reader.id, isoTime(deps.clock.now())),
      consentHistory(db, reader.id),
    ]);
    const csrf = formToken(deps, request, reply);
    const form = (name: Failed['form'], values: Record<string, string>): FormState => {
      const failed = opts.failed?.form === name ? opts.failed : null;
      return {
        values: failed ? failed.values : values,
        error: failed?.error ?? null,
        csrf,
        back: '/account',
      };
    };
    const saved = opts.saved !== undefined && opts.saved in SAVED_NOTICES ? opts.saved : null;
    return sendAccountPage(
      deps,
      reply,
      { title: 'Your account', status: opts.failed ? 400 : 200 },
      (settings) => (
        <AccountHomeView
          settings={settings}
          view={{
            email: row.email,
            hasPassword: row.password_hash !== null,
            newsletters: parseNewsletters(row.newsletters),
            sessions,
            currentSessionId: reader.sessionId,
            consents,
            saved,
            profile: form('profile', { display_name: row.display_name ?? '' }),
            emailForm: form('emailForm', {}),
            lists: form('lists', {}),
          }}
        />
      ),
    );
  };

  app.get('/account', { schema }, async (request, reply) => {
    const reader = await requireReader(deps, request, reply);
    if (!reader) return reply;
    return accountPage(request, reply, reader, { saved: request.query.saved });
  });

  app.post('/account/profile', { schema: postSchema }, async (request, reply) => {
    checkFormToken(deps, request, request.body.csrf);
    const reader = await requireReader(deps, request, reply);
    if (!reader) return reply;
    const name = checkDisplayName(request.body.display_name);
    if (!name.ok) {
      const values = { display_name: request.body.display_name ?? '' };
      return accountPage(request, reply, reader, { failed: { form: 'profile', error: name, values } });
    }
    await saveDisplayName(db, deps, reader.id, name.value);
    return reply.redirect('/account?saved=profile', 303);
  });

  app.post('/account/newsletters', { schema: postSchema }, async (request, reply) => {
    checkFormToken(deps, request, request.body.csrf);
    const reader = await requireReader(deps, request, reply);
    if (!reader) return reply;
    const lists = checkNewsletterChoices(request.body.newsletters);
    if (!lists.ok)
      return accountPage(request, reply, reader, { failed: { form: 'lists', error: lists, values: {} } });
    await saveNewsletters(db, deps, reader.id, lists.value);
    return reply.redirect('/account?saved=newsletters', 303);
  });

  app.post('/account/email', { schema: postSchema }, async (request, reply) => {
    checkFormToken(deps, request, request.body.csrf);
    const reader = await requireReader(deps, request, reply);
    if (!reader) return reply;
    await limitOrRefuse(deps, reply, [
      { rule: ACCOUNT_RULES.accountMail, subject: deps.keys.mac('subject-hash', `rate:reader:${reader.id}`) },
    ]);
    const result = await requestEmailChange(deps, reader, {
      newEmail: request.body.new_email,
      password: request.body.password,
    });
    if (!result.ok) {
      const error = result.field === 'password' ? { ...result, anchor: 'email-password' } : result;
      const values = { new_email: request.body.new_email ?? '' };
      return accountPage(request, reply, reader, { failed: { form: 'emailForm', error, values } });
    }
    return reply.redirect('/account?saved=email', 303);
  });

  app.get('/account/email/confirm', { schema }, async (request, reply) => {
    const token = request.query.token ?? '';
    if (!(await findLiveToken(db, deps, token, ['change-email']))) {
      return sendAccountPage(deps, reply, { title: 'This link no longer works', status: 400 }, () => (
        <DeadLinkView back="/account" what="email" />
      ));
    }
    const csrf = formToken(deps, request, reply);
    return sendAccountPage(deps, reply, { title: 'Confirm your new address' }, () => (
      <>
        <h1>Confirm your new address</h1>
        <p>Your account will use this address from now on.</p>
        <ButtonForm
          action="/account/email/confirm"
          csrf={csrf}
          hidden={{ token }}
          label="Use this address"
          variant="primary"
        />
      </>
    ));
  });

  app.post('/account/email/confirm', { schema: postSchema }, async (request, reply) => {
    checkFormToken(deps, request, request.body.csrf);
    const result = await confirmEmailChange(deps, request.body.token ?? '');
    if (!result.ok && result.code === 'LINK_INVALID') {
      return sendAccountPage(deps, reply, { title: 'This link no longer works', status: 400 }, () => (
        <DeadLinkView back="/account" what="email" />
      ));
    }
    if (!result.ok) {
      return sendAccountPage(deps, reply, { title: 'That address is taken', status: 409 }, () => (
        <div data-error-code="EMAIL_TAKEN">
          <MessageView
            title="That address is taken"
            message="Another account uses this address now, so your address was not changed."
            link={{ href: '/account', label: 'Go to your account' }}
          />
        </div>
      ));
    }
    const reader = await signedInReader(deps, request);
    if (reader?.id === result.readerId) return reply.redirect('/account?saved=email-changed', 303);
    return sendAccountPage(deps, reply, { title: 'Your address has changed' }, () => (
      <MessageView
        title="Your address has changed"
        message="Your account uses this address from now on."
        link={{ href: '/account/sign-in?return=%2Faccount', label: 'Sign in' }}
      />
    ));
  });

  app.post('/account/sessions/end', { schema: postSchema }, async (request, reply) => {
    checkFormToken(deps, request, request.body.csrf);
    const reader = await requireReader(deps, request, reply);
    if (!reader) return reply;
    const sessionId = request.body.session ?? '';
    await deleteReaderSession(db, reader.id, sessionId);
    if (sessionId === reader.sessionId) {
      clearReaderCookie(reply, deps);
      return reply.redirect('/', 303);
    }
    return reply.redirect('/account?saved=session', 303);
  });

  app.post('/account/sign-out-everywhere', { schema: postSchema }, async (request, reply) => {
    checkFormToken(deps, request, request.body.csrf);
    const reader = await requireReader(deps, request, reply);
    if (!reader) return reply;
    await deleteAllReaderSessions(db, reader.id);
    clearReaderCookie(reply, deps);
    return sendAccountPage(deps, reply, { title: 'Signed out everywhere' }, () => (
      <MessageView
        title="You are signed out everywhere"
        message="Every device that was signed in to your account, this one too, is signed out."
        link={{ href: '/account/sign-in?return=%2Faccount', label: 'Sign in again' }}
      />
    ));
  });

  app.get('/account/data', { schema: { querystring: AccountQuery } }, async (request, reply) => {
    const reader = await requireReader(deps, request, reply);
    if (!reader) return reply;
    const data = await readerDataExport(deps, reader);
    const day = data.exportedAt.slice(0, 10);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="my-data-${day}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  const deletePage = (request: FastifyRequest, reply: FastifyReply, error: FormError | null) =>
    sendAccountPage(deps, reply, { title: 'Delete your account', status: error ? 400 : 200 }, () => (
      <DeleteView form={{ values: {}, error, csrf: formToken(deps, request, reply), back: '/account' }} />
    ));

  app.get('/account/delete', { schema }, async (request, reply) => {
    const reader = await requireReader(deps, request, reply);
    if (!reader) return reply;
    return deletePage(request, reply, null);
  });

  app.post('/account/delete', { schema: postSchema }, async (request, reply) => {
    checkFormToken(deps, request, request.body.csrf);
    const reader = await requireReader(deps, request, reply);
    if (!reader) return reply;
    if (request.body.confirm !== 'yes') {
      const error = {
        field: 'confirm',
        code: 'CONFIRM_MISSING',
        message: 'Tick the box to confirm that you want your account deleted.',
      };
      return deletePage(request, reply, error);
    }
    await deleteAccount(db, reader.id);
    clearReaderCookie(reply, deps);
    return sendAccountPage(deps, reply, { title: 'Your account is deleted' }, () => (
      <MessageView
        title="Your account is deleted"
        message="Your account and everything kept with it are erased. Only the record of what you agreed to remains, keyed by a one-way code instead of your address."
        link={{ href: '/', label: 'Go to the front page' }}
      />
    ));
  });
};
