import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { secretHash } from '../../platform/secrets.js';
import { pendingConsents } from '../consent/index.js';
import { checkEmail, checkPassword, safeReturnPath } from './account.js';
import {
  ACCOUNT_RULES,
  addressSubject,
  checkFormGuards,
  formStarted,
  ipSubject,
  limitOrRefuse,
} from './account-abuse.js';
import type { FormError, FormState } from './account-form-parts.js';
import { sendAccountPage } from './account-render.js';
import { AccountForm, AccountQuery, HtmlPage } from './account-schemas.js';
import {
  checkPasswordSignIn,
  checkSignUp,
  hashPassword,
  mailPasswordReset,
  mailSignInLink,
  resendConfirmation,
  resetPassword,
  signInWithCode,
  signInWithLink,
  signUp,
} from './account-service.js';
import { findLiveToken, SIGN_IN_KINDS } from './account-tokens.js';
import { checkFormToken, clientIp, formToken } from './reader-forms.js';
import {
  clearReaderCookie,
  READER_COOKIE,
  setReaderCookie,
  signedInReader,
  startReaderSession,
} from './reader-session.js';
import { deleteReaderSessionByToken } from './reader-session-repository.js';
import { createReaderSignInGuard, guardReaderSignIn, readerSignedIn } from './reader-sign-in-guard.js';
import {
  CheckInboxView,
  DeadLinkView,
  ForgotSentView,
  ForgotView,
  LinkView,
  ResetView,
  SignInView,
  SignUpView,
} from './sign-in-views.js';

const SIGN_IN_FAILED: FormError = {
  code: 'SIGN_IN_FAILED',
  message:
    'That email address and password do not match an account. If you have just signed up, confirm your address first with the link or code we emailed you.',
};
const BUSY_INTRO =
  'There have been many failed sign-ins to this account from elsewhere, so signing in on a new device needs one more step. If the password was right, we have sent a mail with a link to sign in and a 6-digit code.';
const CODE_INVALID =
  'That code is wrong or no longer works. Use the code from the newest mail, or ask for a new one.';

/** Sign-up, the ways of signing in, mailed links and codes, the forgotten password, sign-out. */
export const signInPages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps.database;
  const signInGuard = createReaderSignInGuard(deps);
  const schema = { querystring: AccountQuery, response: { 200: HtmlPage } };
  const postSchema = { body: AccountForm, response: { 200: HtmlPage } };

  const state = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string | undefined>,
    back: string,
    opts: { guarded?: boolean; error?: FormError | null } = {},
  ): FormState => ({
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? ''])),
    error: opts.error ?? null,
    csrf: formToken(deps, request, reply),
    back,
    ...(opts.guarded ? { started: formStarted(deps) } : {}),
  });

  const ipOf = (request: FastifyRequest) => ipSubject(deps, clientIp(request));

  /** The reader is in: a new session (the old one is gone), then the consent prompt if a new version waits. */
  const finishSignIn = async (reply: FastifyReply, readerId: string, token: string, back: string) => {
    setReaderCookie(reply, deps, token);
    const pending = await pendingConsents(db, deps.clock, readerId);
    const target = pending.length > 0 ? `/account/consent?return=${encodeURIComponent(back)}` : back;
    return reply.redirect(target, 303);
  };

  const sessionInput = (request: FastifyRequest) => ({
    userAgent: request.headers['user-agent'] ?? null,
    ip: clientIp(request),
    previousToken: request.cookies[READER_COOKIE] ?? null,
  });

  const inboxPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { email: string; back: string; intro: string; error?: FormError; status?: number },
  ) =>
    sendAccountPage(deps, reply, { title: 'Check your inbox', status: input.status ?? 200 }, () => (
      <CheckInboxView
        intro={input.intro}
        form={state(request, reply, { email: input.email }, input.back, { error: input.error ?? null })}
        resend={state(request, reply, { email: input.email }, input.back, { guarded: true })}
      />
    ));
  const sentIntro = (email: string) =>
    `We have sent a mail to ${email}. It has a link to sign in, and a 6-digit code.`;

  const signInPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      back: string;
      email?: string;
      passwordError?: FormError;
      linkError?: FormError;
      status?: number;
    },
  ) =>
    sendAccountPage(deps, reply, { title: 'Sign in', status: input.status ?? 200 }, () => (
      <SignInView
        password={state(request, reply, { email: input.email }, input.back, {
          error: input.passwordError ?? null,
        })}
        link={state(request, reply, { email: input.email }, input.back, {
          guarded: true,
          error: input.linkError ?? null,
        })}
      />
    ));

  app.get('/account/sign-up', { schema }, async (request, reply) => {
    const back = safeReturnPath(request.query.return);
    if (await signedInReader(deps, request)) return reply.redirect(back, 303);
    return sendAccountPage(deps, reply, { title: 'Create a free account' }, () => (
      <SignUpView form={state(request, reply, {}, back, { guarded: true })} />
    ));
  });

  app.post('/account/sign-up', { schema: postSchema }, async (request, reply) => {
    const body = request.body;
    const back = safeReturnPath(body.return);
    checkFormToken(deps, request, body.csrf);
    await limitOrRefuse(deps, reply, [
      { rule: ACCOUNT_RULES.signUpIp, subject: ipOf(request) },
      { rule: ACCOUNT_RULES.signUpAddress, subject: addressSubject(deps, body.email ?? '') },
    ]);
    const redraw = (error: FormError) =>
      sendAccountPage(deps, reply, { title: 'Create a free account', status: 400 }, () => (
        <SignUpView
          form={state(request, reply, { email: body.email, display_name: body.display_name }, back, {
            guarded: true,
            error,
          })}
        />
      ));
    const guard = checkFormGuards(deps, body);
    if (!guard.ok) return redraw(guard);
    const check = checkSignUp(body);
    if (!check.ok) return redraw(check);
    await signUp(deps, { ...check.value, back, ip: clientIp(request) });
    return inboxPage(request, reply, {
      email: check.value.email,
      back,
      intro: `We have sent a mail to ${check.value.email}. Open it to confirm your address and finish signing up.`,
    });
  });

  app.get('/account/sign-in', { schema }, async (request, reply) => {
    const back = safeReturnPath(request.query.return);
    if (await signedInReader(deps, request)) return reply.redirect(back, 303);
    return signInPage(request, reply, { back });
  });

  app.post('/account/sign-in', { schema: postSchema }, async (request, reply) => {
    const body = request.body;
    const back = safeReturnPath(body.return);
    checkFormToken(deps, request, body.csrf);
    const address = addressSubject(deps, body.email ?? '');
    const { accountBusy } = await guardReaderSignIn(deps, signInGuard, request, reply, address);
    const email = checkEmail(body.email);
    if (!email.ok)
      return signInPage(request, reply, { back, email: body.email, passwordError: email, status: 400 });
    if (!body.password) {
      const error = { field: 'password', code: 'PASSWORD_MISSING', message: 'Enter your password.' };
      return signInPage(request, reply, { back, email: email.value, passwordError: error, status: 400 });
    }
    const reader = await checkPasswordSignIn(deps, { email: email.value, password: body.password });
    if (accountBusy) {
      // Under attack, from a browser this reader has not used: the same page whatever the password,
      // and a sign-in link and code in the mail only when it was right.
      if (reader) await mailSignInLink(deps, { email: email.value, back });
      return inboxPage(request, reply, { email: email.value, back, intro: BUSY_INTRO });
    }
    if (!reader) {
      return signInPage(request, reply, {
        back,
        email: email.value,
        passwordError: SIGN_IN_FAILED,
        status: 401,
      });
    }
    await readerSignedIn(deps, signInGuard, request, reply, address);
    const session = await startReaderSession(db, deps, { readerId: reader.id, ...sessionInput(request) });
    return finishSignIn(reply, reader.id, session.token, back);
  });

  app.post('/account/sign-in/link', { schema: postSchema }, async (request, reply) => {
    const body = request.body;
    const back = safeReturnPath(body.return);
    checkFormToken(deps, request, body.csrf);
    await limitOrRefuse(deps, reply, [
      { rule: ACCOUNT_RULES.mailLinkIp, subject: ipOf(request) },
      { rule: ACCOUNT_RULES.mailLinkAddress, subject: addressSubject(deps, body.email ?? '') },
    ]);
    const guard = checkFormGuards(deps, body);
    const email = checkEmail(body.email);
    const error = !guard.ok ? guard : !email.ok ? { ...email, anchor: 'link-email' } : null;
    if (error || !email.ok) {
      return signInPage(request, reply, {
        back,
        email: body.email,
        linkError: error ?? undefined,
        status: 400,
      });
    }
    await mailSignInLink(deps, { email: email.value, back });
    return inboxPage(request, reply, { email: email.value, back, intro: sentIntro(email.value) });
  });

  app.post('/account/resend', { schema: postSchema }, async (request, reply) => {
    const body = request.body;
    const back = safeReturnPath(body.return);
    checkFormToken(deps, request, body.csrf);
    await limitOrRefuse(deps, reply, [
      { rule: ACCOUNT_RULES.mailLinkIp, subject: ipOf(request) },
      { rule: ACCOUNT_RULES.mailLinkAddress, subject: addressSubject(deps, body.email ?? '') },
    ]);
    const guard = checkFormGuards(deps, body);
    const email = checkEmail(body.email);
    const error = !guard.ok ? guard : !email.ok ? { ...email, anchor: 'code-email' } : null;
    if (error || !email.ok) {
      const intro = 'We could not send the mail again.';
      return inboxPage(request, reply, {
        email: body.email ?? '',
        back,
        intro,
        error: error ?? undefined,
        status: 400,
      });
    }
    await resendConfirmation(deps, { email: email.value, back });
    return inboxPage(request, reply, { email: email.value, back, intro: sentIntro(email.value) });
  });

  app.get('/account/code', { schema }, async (request, reply) => {
    const back = safeReturnPath(request.query.return);
    const intro = 'Type the 6-digit code from the mail we sent you.';
    return inboxPage(request, reply, { email: (request.query.email ?? '').trim(), back, intro });
  });

  app.post('/account/code', { schema: postSchema }, async (request, reply) => {
    const body = request.body;
    const back = safeReturnPath(body.return);
    checkFormToken(deps, request, body.csrf);
    const address = addressSubject(deps, body.email ?? '');
    await limitOrRefuse(deps, reply, [
      { rule: ACCOUNT_RULES.codeIp, subject: ipOf(request) },
      { rule: ACCOUNT_RULES.codeAddress, subject: address },
    ]);
    const intro = 'Type the 6-digit code from the mail we sent you.';
    const refuse = (error: FormError, status: number) =>
      inboxPage(request, reply, { email: body.email ?? '', back, intro, error, status });
    const email = checkEmail(body.email);
    if (!email.ok) return refuse({ ...email, anchor: 'code-email' }, 400);
    const code = (body.code ?? '').replace(/\s/g, '');
    if (!/^[0-9]{6}$/.test(code)) {
      return refuse(
        { field: 'code', code: 'CODE_MALFORMED', message: 'Enter the 6 digits of the code.' },
        400,
      );
    }
    const signedIn = await inTransaction(db, async (trx) => {
      const readerId = await signInWithCode(trx, deps, { email: email.value, code });
      if (!readerId) return null;
      const session = await startReaderSession(trx, deps, { readerId, ...sessionInput(request) });
      return { readerId, token: session.token };
    });
    if (!signedIn) return refuse({ field: 'code', code: 'CODE_INVALID', message: CODE_INVALID }, 401);
    await deps.rateLimiter.reset(ACCOUNT_RULES.codeAddress, address);
    await readerSignedIn(deps, signInGuard, request, reply, address);
    return finishSignIn(reply, signedIn.readerId, signedIn.token, back);
  });

  const deadLink = (reply: FastifyReply, back: string, what: 'sign-in' | 'reset') =>
    sendAccountPage(deps, reply, { title: 'This link no longer works', status: 400 }, () => (
      <DeadLinkView back={back} what={what} />
    ));

  app.get('/account/link', { schema }, async (request, reply) => {
    const back = safeReturnPath(request.query.return);
    const token = request.query.token ?? '';
    if (!(await findLiveToken(db, deps, token, SIGN_IN_KINDS))) return deadLink(reply, back, 'sign-in');
    return sendAccountPage(deps, reply, { title: 'Continue to sign in' }, () => (
      <LinkView csrf={formToken(deps, request, reply)} back={back} token={token} />
    ));
  });

  app.post('/account/link', { schema: postSchema }, async (request, reply) => {
    const body = request.body;
    const back = safeReturnPath(body.return);
    checkFormToken(deps, request, body.csrf);
    const signedIn = await inTransaction(db, async (trx) => {
      const readerId = await signInWithLink(trx, deps, body.token ?? '');
      if (!readerId) return null;
      const session = await startReaderSession(trx, deps, { readerId, ...sessionInput(request) });
      return { readerId, token: session.token };
    });
    if (!signedIn) return deadLink(reply, back, 'sign-in');
    return finishSignIn(reply, signedIn.readerId, signedIn.token, back);
  });

  app.get('/account/forgot', { schema }, async (request, reply) => {
    const back = safeReturnPath(request.query.return);
    return sendAccountPage(deps, reply, { title: 'Forgotten your password?' }, () => (
      <ForgotView form={state(request, reply, {}, back, { guarded: true })} />
    ));
  });

  app.post('/account/forgot', { schema: postSchema }, async (request, reply) => {
    const body = request.body;
    const back = safeReturnPath(body.return);
    checkFormToken(deps, request, body.csrf);
    await limitOrRefuse(deps, reply, [
      { rule: ACCOUNT_RULES.resetIp, subject: ipOf(request) },
      { rule: ACCOUNT_RULES.resetAddress, subject: addressSubject(deps, body.email ?? '') },
    ]);
    const guard = checkFormGuards(deps, body);
    const email = checkEmail(body.email);
    const error = !guard.ok ? guard : !email.ok ? email : null;
    if (error || !email.ok) {
      return sendAccountPage(deps, reply, { title: 'Forgotten your password?', status: 400 }, () => (
        <ForgotView form={state(request, reply, { email: body.email }, back, { guarded: true, error })} />
      ));
    }
    await mailPasswordReset(deps, { email: email.value, back });
    return sendAccountPage(deps, reply, { title: 'Check your inbox' }, () => (
      <ForgotSentView email={email.value} back={back} />
    ));
  });

  app.get('/account/reset', { schema }, async (request, reply) => {
    const back = safeReturnPath(request.query.return);
    const token = request.query.token ?? '';
    if (!(await findLiveToken(db, deps, token, ['reset-password']))) return deadLink(reply, back, 'reset');
    return sendAccountPage(deps, reply, { title: 'Choose a new password' }, () => (
      <ResetView form={state(request, reply, {}, back)} token={token} />
    ));
  });

  app.post('/account/reset', { schema: postSchema }, async (request, reply) => {
    const body = request.body;
    const back = safeReturnPath(body.return);
    const token = body.token ?? '';
    checkFormToken(deps, request, body.csrf);
    if (!(await findLiveToken(db, deps, token, ['reset-password']))) return deadLink(reply, back, 'reset');
    const password = checkPassword(body.password);
    if (!password.ok) {
      return sendAccountPage(deps, reply, { title: 'Choose a new password', status: 400 }, () => (
        <ResetView form={state(request, reply, {}, back, { error: password })} token={token} />
      ));
    }
    const passwordHash = await hashPassword(password.value);
    const signedIn = await inTransaction(db, async (trx) => {
      const readerId = await resetPassword(trx, deps, { secret: token, passwordHash });
      if (!readerId) return null;
      const session = await startReaderSession(trx, deps, { readerId, ...sessionInput(request) });
      return { readerId, token: session.token };
    });
    if (!signedIn) return deadLink(reply, back, 'reset');
    return finishSignIn(reply, signedIn.readerId, signedIn.token, back);
  });

  app.post('/account/sign-out', { schema: postSchema }, async (request, reply) => {
    const body = request.body;
    checkFormToken(deps, request, body.csrf);
    const token = request.cookies[READER_COOKIE];
    if (token) await deleteReaderSessionByToken(db, secretHash(token));
    clearReaderCookie(reply, deps);
    return reply.redirect(safeReturnPath(body.return), 303);
  });
};
