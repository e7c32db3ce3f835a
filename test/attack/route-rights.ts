import type { StaffRole } from '../../src/capabilities/staff/index.js';

/**
 * The least role each Admin API route needs, as the services enforce it (ADR 0014). `route-rights.test.ts`
 * walks the OpenAPI document and fails on a route with no entry here, so a new route's rule is decided
 * when it is added. `contributor` means any staff member, with per-resource rules inside (articles, photos,
 * author profiles for their owner). `body` is a valid body, so the role check is what answers, not validation.
 */
export interface RouteRule {
  readonly min: StaffRole | 'public';
  readonly body?: Record<string, unknown>;
  /** Refused to API tokens whatever their role (403 SESSION_REQUIRED): the route acts on a person's own sign-in. */
  readonly sessionOnly?: boolean;
  /** A valid query string, for routes whose query is required. */
  readonly query?: string;
}

const KEEP = 'kept-for-the-walk';

export const ROUTE_RIGHTS: Record<string, RouteRule> = {
  'POST /auth/sign-in': { min: 'public', body: { email: 'nobody@news.example', password: 'wrong password' } },
  'POST /auth/sign-out': { min: 'contributor' },
  'GET /auth/me': { min: 'contributor' },
  'GET /tokens': { min: 'admin' },
  'POST /tokens': { min: 'admin', body: { name: 'Walk', role: 'contributor' } },
  'DELETE /tokens/{id}': { min: 'admin' },
  'GET /staff': { min: 'admin' },
  'GET /staff/colleagues': { min: 'contributor' },
  'POST /staff': {
    min: 'admin',
    body: { email: `walk-${KEEP}@news.example`, name: 'Walk', role: 'contributor', password: `pw-${KEEP}` },
  },
  'PATCH /staff/{id}': { min: 'admin', body: { name: 'Walk' } },
  'GET /settings': { min: 'admin' },
  'GET /page-cache': { min: 'admin' },
  'GET /publication': { min: 'contributor' },
  'PATCH /settings': { min: 'admin', body: { 'publication.name': 'The Walk Ledger' } },
  'GET /sections': { min: 'contributor' },
  'POST /sections': { min: 'editor', body: { name: 'Walk' } },
  'PATCH /sections/{id}': { min: 'editor', body: { name: 'Walk' } },
  'DELETE /sections/{id}': { min: 'editor' },
  'GET /tags': { min: 'contributor' },
  'POST /tags': { min: 'contributor', body: { name: 'Walk' } },
  'PATCH /tags/{id}': { min: 'editor', body: { name: 'Walk' } },
  'DELETE /tags/{id}': { min: 'editor' },
  'POST /tags/{id}/merge': { min: 'editor', body: { into: 'x2' } },
  'GET /authors': { min: 'contributor' },
  'POST /authors': { min: 'editor', body: { name: 'Walk' } },
  'GET /authors/{id}': { min: 'contributor' },
  'PATCH /authors/{id}': { min: 'editor', body: { name: 'Walk' } },
  'DELETE /authors/{id}': { min: 'editor' },
  'GET /legal': { min: 'contributor' },
  'GET /legal/{kind}/versions': { min: 'contributor' },
  'POST /legal/{kind}/versions': {
    min: 'admin',
    body: { title: 'Terms', body: 'Be kind.', summaryOfChanges: 'First.', requiresAcceptance: false },
  },
  'GET /legal/{kind}/versions/{version}': { min: 'contributor' },
  'GET /webhooks': { min: 'admin' },
  // A private address: refused after the role check, with no name to resolve.
  'POST /webhooks': { min: 'admin', body: { url: 'https://127.0.0.1/hook', events: ['article.published'] } },
  'DELETE /webhooks/{id}': { min: 'admin' },
  'GET /webhooks/{id}/deliveries': { min: 'admin' },
  'POST /webhooks/{id}/deliveries/{deliveryId}/redeliver': { min: 'admin' },
  'POST /media': { min: 'contributor' },
  'GET /media': { min: 'contributor' },
  'GET /media/{id}': { min: 'contributor' },
  'PATCH /media/{id}': { min: 'contributor', body: { caption: 'Walk' } },
  'DELETE /media/{id}': { min: 'contributor' },
  'POST /media/{id}/variants': { min: 'contributor' },
  'GET /articles': { min: 'contributor' },
  'POST /articles': { min: 'contributor', body: { headline: 'Walk' } },
  'GET /articles/{id}': { min: 'contributor' },
  'PATCH /articles/{id}': { min: 'contributor', body: { revision: 1, dek: 'Walk' } },
  'POST /articles/{id}/submit': { min: 'contributor', body: { revision: 1 } },
  'POST /articles/{id}/return': { min: 'contributor', body: { revision: 1 } },
  'POST /articles/{id}/schedule': { min: 'contributor', body: { revision: 1 } },
  'POST /articles/{id}/unschedule': { min: 'contributor', body: { revision: 1 } },
  'POST /articles/{id}/publish': { min: 'contributor', body: { revision: 1 } },
  'POST /articles/{id}/unpublish': { min: 'contributor', body: { revision: 1 } },
  // Per article as publish: reporters their own, editors any (contributors never: checkRight).
  'POST /articles/{id}/update': { min: 'contributor', body: { revision: 1 } },
  'GET /articles/{id}/revisions': { min: 'contributor' },
  'GET /articles/{id}/revisions/{number}': { min: 'contributor' },
  'POST /articles/{id}/revisions/{number}/restore': { min: 'contributor', body: { revision: 1 } },
  'POST /articles/{id}/corrections': { min: 'contributor', body: { kind: 'correction', text: 'Walk' } },
  // Suggestions (ADR 0036): read like the article, accepted or rejected by whoever may save it.
  'GET /articles/{id}/suggestions': { min: 'contributor' },
  'POST /articles/{id}/suggestions/accept': { min: 'contributor', body: { revision: 1 } },
  'POST /articles/{id}/suggestions/reject': { min: 'contributor', body: { revision: 1 } },
  'GET /corrections': { min: 'contributor' },
  // Whoever may read the article (ADR 0014): the read rule inside, as for GET /articles/{id}.
  'POST /articles/{id}/preview': { min: 'contributor', body: { headline: 'Walk' } },
  // Comments (ADR 0034): the article's read rule, then the thread's and the comment's own rules inside.
  'GET /articles/{id}/comments': { min: 'contributor' },
  'POST /articles/{id}/comments': { min: 'contributor', body: { text: 'Walk', anchor: { quote: 'Walk' } } },
  'POST /articles/{id}/comments/{threadId}/replies': { min: 'contributor', body: { text: 'Walk' } },
  'POST /articles/{id}/comments/{threadId}/resolve': { min: 'contributor' },
  'POST /articles/{id}/comments/{threadId}/reopen': { min: 'contributor' },
  'PATCH /articles/{id}/comments/{commentId}': { min: 'contributor', body: { text: 'Walk' } },
  'DELETE /articles/{id}/comments/{commentId}': { min: 'contributor' },
  'GET /readers/{readerId}/consents': { min: 'editor' },
  'GET /consents.csv': { min: 'admin' },
  'GET /readers': { min: 'editor' },
  'GET /readers/{readerId}': { min: 'editor' },
  'DELETE /readers/{readerId}': { min: 'admin' },
  'GET /front-page': { min: 'contributor' },
  'PUT /front-page': { min: 'editor', body: { revision: 1, articleIds: [] } },
  'DELETE /articles/{id}': { min: 'editor', query: 'revision=1' },
  'GET /audit': { min: 'admin' },
  'GET /audit.csv': { min: 'admin' },
  'GET /staff/invitations': { min: 'admin' },
  'POST /staff/invitations': {
    min: 'admin',
    body: { email: `invite-${KEEP}@news.example`, name: 'Walk', role: 'contributor' },
  },
  'POST /staff/invitations/{id}/resend': { min: 'admin' },
  'DELETE /staff/invitations/{id}': { min: 'admin' },
  // The invitation link's secret is the credential.
  'POST /auth/invitation': { min: 'public', body: { token: `t-${KEEP}-${KEEP}` } },
  'POST /auth/invitation/accept': {
    min: 'public',
    body: { token: `t-${KEEP}-${KEEP}`, password: `pw-${KEEP}-${KEEP}` },
  },
  'DELETE /demo': { min: 'admin' },
  // Sign-in's second step, the password reset and its confirmation need no session: the challenge
  // or the mailed token is the credential.
  'POST /auth/sign-in/verify': { min: 'public', body: { challenge: `c-${KEEP}-${KEEP}`, code: '123456' } },
  'POST /auth/password-reset': { min: 'public', body: { email: 'nobody@news.example' } },
  'POST /auth/password-reset/confirm': {
    min: 'public',
    body: { token: `t-${KEEP}-${KEEP}`, password: `pw-${KEEP}-${KEEP}` },
  },
  // A staff member's own password and second factor: any role, with a session (a token has no password).
  'POST /auth/password': {
    min: 'contributor',
    sessionOnly: true,
    body: { currentPassword: 'not the password', newPassword: `pw-${KEEP}-${KEEP}` },
  },
  'GET /auth/two-factor': { min: 'contributor', sessionOnly: true },
  'POST /auth/two-factor/enrol': { min: 'contributor', sessionOnly: true, body: {} },
  'POST /auth/two-factor/confirm': { min: 'contributor', sessionOnly: true, body: { code: '123456' } },
  'POST /auth/two-factor/recovery-codes': { min: 'contributor', sessionOnly: true, body: { code: '123456' } },
  'POST /auth/two-factor/disable': {
    min: 'contributor',
    sessionOnly: true,
    body: { password: 'not the password', code: '123456' },
  },
  'DELETE /staff/{id}/two-factor': { min: 'admin' },
  'GET /two-factor-policy': { min: 'contributor' },
  'PUT /two-factor-policy': { min: 'owner', body: { twoFactorRequired: false } },
};
