import { expect, it } from 'vitest';
import { roleAtLeast, STAFF_ROLES, type StaffRole } from '../../src/capabilities/staff/index.js';
import { buildTestApp } from '../support/app.js';
import { signedInAs, tokenMadeBy } from '../support/auth.js';
import { describeEachDialect } from '../support/databases.js';
import { ROUTE_RIGHTS } from './route-rights.js';

const API = '/api/admin/v1';
const PARAMS: Record<string, string> = { kind: 'terms', version: '1', number: '1' };

interface Caller {
  readonly name: string;
  /** The rights the caller acts with; null for anonymous. */
  readonly role: StaffRole | null;
  readonly headers: Record<string, string>;
  /** An API token rather than a person's session. */
  readonly token?: boolean;
}

/**
 * Every Admin API route, for anonymous, every role, and the token of an admin since demoted to reporter:
 * 401 without credentials, 403 below the route's least role (route-rights.ts), neither at or above it.
 */
describeEachDialect('authorisation on every Admin API route (issue 12)', (t) => {
  it('answers every route by the table, and the table covers every route', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const doc = (await app.inject({ url: `${API}/openapi.json` })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.slice(API.length)}`),
    );
    expect(
      routes.filter((r) => !ROUTE_RIGHTS[r]),
      'routes with no entry in route-rights.ts',
    ).toEqual([]);
    expect(
      Object.keys(ROUTE_RIGHTS).filter((r) => !routes.includes(r)),
      'stale entries',
    ).toEqual([]);

    const owner = await signedInAs(deps, 'owner');
    const admin = await signedInAs(deps, 'admin');
    const demotedToken = await tokenMadeBy(app, admin.headers, 'admin');
    const demote = await app.inject({
      method: 'PATCH',
      url: `${API}/staff/${admin.staff.id}`,
      headers: owner.headers,
      payload: { role: 'reporter' },
    });
    expect(demote.statusCode).toBe(200);
    const callers: Caller[] = [
      { name: 'anonymous', role: null, headers: {} },
      {
        name: "demoted admin's token",
        role: 'reporter',
        headers: demotedToken,
        token: true,
      },
    ];
    for (const role of STAFF_ROLES) {
      callers.push({ name: role, role, headers: (await signedInAs(deps, role)).headers });
    }

    // Sign-in (it drops the session sent along) and sign-out end the caller's session: they go last.
    const last = (route: string) => ['POST /auth/sign-out', 'POST /auth/sign-in'].indexOf(route);
    const ordered = [...routes].sort((a, b) => last(a) - last(b));
    const wrong: string[] = [];
    for (const caller of callers) {
      for (const route of ordered) {
        const rule = ROUTE_RIGHTS[route]!;
        const [method, path] = route.split(' ') as [string, string];
        const url =
          API +
          path.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? 'x1') +
          (rule.query ? `?${rule.query}` : '');
        const res = await app.inject({
          method: method as 'GET',
          url,
          headers: caller.headers,
          ...(rule.body ? { payload: rule.body } : {}),
        });
        const code = res.statusCode >= 400 ? (res.json() as { error: { code: string } }).error.code : '';
        const expected =
          rule.min === 'public'
            ? 'not AUTH_REQUIRED'
            : caller.role === null
              ? '401'
              : rule.sessionOnly && caller.token
                ? '403 SESSION_REQUIRED'
                : roleAtLeast(caller.role, rule.min)
                  ? 'not 401/403'
                  : '403';
        const ok =
          expected === 'not AUTH_REQUIRED'
            ? code !== 'AUTH_REQUIRED'
            : expected === '401'
              ? res.statusCode === 401 && code === 'AUTH_REQUIRED'
              : expected === '403 SESSION_REQUIRED'
                ? res.statusCode === 403 && code === 'SESSION_REQUIRED'
                : expected === '403'
                  ? res.statusCode === 403 && code === 'FORBIDDEN'
                  : res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500;
        if (!ok) wrong.push(`${caller.name} ${route}: expected ${expected}, got ${res.statusCode} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
