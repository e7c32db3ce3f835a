import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { STAFF_ROLES, type StaffRole } from '../staff/index.js';

const API = '/api/admin/v1';
type Headers = Record<string, string>;
type Kind = 'own draft' | "another's draft" | "another's scheduled" | 'published';
const KINDS: Kind[] = ['own draft', "another's draft", "another's scheduled", 'published'];

/** ADR 0014: editors and above read everything; contributors and reporters, published and their own. */
function mayRead(role: StaffRole, kind: Kind): boolean {
  return ['editor', 'admin', 'owner'].includes(role) || kind === 'own draft' || kind === 'published';
}

describeEachDialect('who reads which article in the newsroom (issue 12, F4)', (t) => {
  async function newsroom() {
    const { app, deps } = await buildTestApp(t.database);
    const call = (method: string, url: string, headers: Headers, payload?: unknown) =>
      app.inject({ method: method as 'GET', url: `${API}${url}`, headers, ...(payload ? { payload } : {}) });
    const editor = (await signedInAs(deps, 'editor')).headers;
    const section = (await call('POST', '/sections', editor, { name: 'World' })).json();
    let n = 0;
    const draft = async (headers: Headers) => {
      n += 1;
      const res = await call('POST', '/articles', headers, {
        headline: `Embargoed story ${n}`,
        section: section.path,
        bodyMarkdown: `Secret text number ${n}.`,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; revision: number };
    };
    const otherDesk = (await signedInAs(deps, 'reporter')).headers;
    const another = await draft(otherDesk);
    const scheduled = await draft(otherDesk);
    const at = '2026-11-20T06:00:00.000Z';
    const s = await call('POST', `/articles/${scheduled.id}/schedule`, editor, { revision: 1, at });
    expect(s.statusCode, s.body).toBe(200);
    const published = await draft(otherDesk);
    expect(
      (await call('POST', `/articles/${published.id}/publish`, editor, { revision: 1 })).statusCode,
    ).toBe(200);
    const staff = new Map<StaffRole, { headers: Headers; own: string }>();
    for (const role of STAFF_ROLES) {
      const { headers } = await signedInAs(deps, role);
      staff.set(role, { headers, own: (await draft(headers)).id });
    }
    const idOf = (role: StaffRole, kind: Kind) =>
      ({
        'own draft': staff.get(role)!.own,
        "another's draft": another.id,
        "another's scheduled": scheduled.id,
        published: published.id,
      })[kind];
    return { app, deps, call, staff, idOf, another, editor };
  }

  it('gets, lists and shows revisions by the read rule for every role', async () => {
    const { call, staff, idOf } = await newsroom();
    const everyId = new Set<string>();
    for (const role of STAFF_ROLES) for (const kind of KINDS) everyId.add(idOf(role, kind));
    expect(everyId.size).toBe(8);

    for (const role of STAFF_ROLES) {
      const { headers } = staff.get(role)!;
      for (const kind of KINDS) {
        const id = idOf(role, kind);
        const allowed = mayRead(role, kind);
        const label = `${role} / ${kind}`;
        for (const url of [`/articles/${id}`, `/articles/${id}/revisions`, `/articles/${id}/revisions/1`]) {
          const res = await call('GET', url, headers);
          expect(res.statusCode, `${label}: ${url}`).toBe(allowed ? 200 : 403);
          if (!allowed) {
            expect(res.json().error.code).toBe('FORBIDDEN');
            expect(res.body).not.toContain('Embargoed');
            expect(res.body).not.toContain('Secret text');
          }
        }
      }
      // The list is filtered in the query: every page is full and holds only what the role may read.
      const expected = [...everyId].filter(
        (id) =>
          KINDS.some((kind) => idOf(role, kind) === id && mayRead(role, kind)) ||
          ['editor', 'admin', 'owner'].includes(role),
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await call('GET', `/articles?limit=1${cursor ? `&cursor=${cursor}` : ''}`, headers);
        expect(page.statusCode).toBe(200);
        const body = page.json() as { items: { id: string }[]; nextCursor: string | null };
        expect(body.items, `${role}: a page is never empty while there is more`).toHaveLength(1);
        seen.push(body.items[0]!.id);
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen.sort(), role).toEqual(expected.sort());
    }
  });

  it('gives an API token below editor only published articles (a token is no one: it owns nothing)', async () => {
    const { app, deps, call, idOf } = await newsroom();
    const token = (await apiToken(deps, 'reporter')).headers;
    expect((await call('GET', `/articles/${idOf('owner', 'published')}`, token)).statusCode).toBe(200);
    expect((await call('GET', `/articles/${idOf('owner', "another's draft")}`, token)).statusCode).toBe(403);
    const list = await app.inject({ url: `${API}/articles`, headers: token });
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([idOf('owner', 'published')]);
  });

  it('leaves out of the front page the picks a role may not read', async () => {
    const { call, staff, idOf, editor } = await newsroom();
    const picks = [idOf('owner', "another's scheduled"), idOf('owner', 'published')];
    const put = await call('PUT', '/front-page', editor, { revision: 1, articleIds: picks });
    expect(put.statusCode, put.body).toBe(200);
    for (const role of STAFF_ROLES) {
      const page = await call('GET', '/front-page', staff.get(role)!.headers);
      const shown = page.json().picks.map((p: { articleId: string }) => p.articleId);
      expect(shown, role).toEqual(mayRead(role, "another's scheduled") ? picks : [picks[1]]);
    }
  });

  it("refuses a write on another's draft before any conflict could show its text", async () => {
    const { call, staff, another } = await newsroom();
    const { headers } = staff.get('contributor')!;
    for (const [method, url, payload] of [
      ['PATCH', `/articles/${another.id}`, { revision: 99, headline: 'x' }],
      ['POST', `/articles/${another.id}/submit`, { revision: 99 }],
      ['POST', `/articles/${another.id}/revisions/1/restore`, { revision: 99 }],
    ] as const) {
      const res = await call(method, url, headers, payload);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain('Embargoed');
    }
  });
});
