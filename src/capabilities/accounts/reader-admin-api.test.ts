import { expect, it } from 'vitest';
import {
  fixedClock,
  publishLegal,
  signedUpReader,
  TestBrowser,
} from '../../../test/support/account-test-kit.js';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';

const api = '/api/admin/v1';

describeEachDialect('readers in the Admin API (issue 16)', (t) => {
  async function setup() {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock });
    await publishLegal(deps, { requiresAcceptance: true });
    const signUp = async (email: string) => {
      const reader = await signedUpReader(new TestBrowser(app, clock), deps, email);
      clock.advance(1_000);
      return reader.id;
    };
    return { app, deps, clock, signUp };
  }

  it('finds readers by any part of the address, any case, newest first, a page at a time', async () => {
    const { app, deps, signUp } = await setup();
    const ada = await signUp('ada.lovelace@example.org');
    const grace = await signUp('grace@example.org');
    await signUp('someone@elsewhere.net');
    const editor = await signedInAs(deps, 'editor');
    const search = (query: string) => app.inject({ url: `${api}/readers?${query}`, headers: editor.headers });

    const found = await search('email=EXAMPLE.org&limit=1');
    expect(found.statusCode).toBe(200);
    expect(found.headers['cache-control']).toBe('no-store');
    const first = found.json();
    expect(first.readers.map((r: { id: string }) => r.id)).toEqual([grace]);
    expect(first.readers[0]).toMatchObject({ email: 'grace@example.org', displayName: null });
    const next = (await search(`email=example.org&limit=1&cursor=${first.nextCursor}`)).json();
    expect(next.readers[0]).toMatchObject({ id: ada, email: 'ada.lovelace@example.org' });
    expect(next.nextCursor).toBeNull();
    // LIKE's wildcards are matched as typed, not as wildcards.
    expect((await search('email=%25')).json().readers).toEqual([]);
    expect((await search('email=_')).json().readers).toEqual([]);
    expect((await search('')).json().readers).toHaveLength(3);
  });

  it('refuses bad queries in words, and readers to reporters', async () => {
    const { app, deps } = await setup();
    const editor = await signedInAs(deps, 'editor');
    for (const query of ['limit=0', 'limit=101', 'limit=many', 'colour=red', `email=${'a'.repeat(321)}`]) {
      const res = await app.inject({ url: `${api}/readers?${query}`, headers: editor.headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe('VALIDATION_FAILED');
    }
    const reporter = await signedInAs(deps, 'reporter');
    const refused = await app.inject({ url: `${api}/readers`, headers: reporter.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const missing = await app.inject({ url: `${api}/readers/nobody`, headers: editor.headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it("shows a reader's sessions and the consent proof that would stay", async () => {
    const { app, deps, signUp } = await setup();
    const readerId = await signUp('sessions@example.org');
    const editor = await signedInAs(deps, 'editor');
    const res = await app.inject({ url: `${api}/readers/${readerId}`, headers: editor.headers });
    expect(res.statusCode).toBe(200);
    const reader = res.json();
    expect(reader).toMatchObject({ id: readerId, email: 'sessions@example.org', hasPassword: false });
    expect(reader.sessions).toHaveLength(1);
    expect(reader.sessions[0]).toEqual({
      id: expect.any(String),
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      expiresAt: expect.any(String),
      userAgent: 'lightMyRequest',
    });
    // The Terms and the Privacy Policy accepted at sign-up: two entries, one address.
    expect(reader.consentProof.entries).toBe(2);
    expect(reader.consentProof.subjectHashes).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
  });

  it('erases a reader for admins only, audited, and the ledger keeps the keyed proof', async () => {
    const { app, deps, signUp } = await setup();
    const readerId = await signUp('erase.me@example.org');
    const keep = await signUp('keep@example.org');
    const editor = await signedInAs(deps, 'editor');
    const admin = await signedInAs(deps, 'admin');
    const detail = (await app.inject({ url: `${api}/readers/${readerId}`, headers: admin.headers })).json();

    const refused = await app.inject({
      method: 'DELETE',
      url: `${api}/readers/${readerId}`,
      headers: editor.headers,
    });
    expect(refused.statusCode).toBe(403);

    const erased = await app.inject({
      method: 'DELETE',
      url: `${api}/readers/${readerId}`,
      headers: admin.headers,
    });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toEqual({ readerId, erasedAt: expect.any(String), kept: detail.consentProof });

    const db = deps.database.db;
    expect(await db.selectFrom('readers').select('id').where('id', '=', readerId).execute()).toEqual([]);
    expect(
      await db.selectFrom('reader_sessions').select('id').where('reader_id', '=', readerId).execute(),
    ).toEqual([]);
    expect((await db.selectFrom('readers').select('id').execute()).map((r) => r.id)).toEqual([keep]);

    const again = await app.inject({
      method: 'DELETE',
      url: `${api}/readers/${readerId}`,
      headers: admin.headers,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('NOT_FOUND');

    const audit = await app.inject({ url: `${api}/audit?action=reader.erased`, headers: admin.headers });
    const events = audit.json().items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'reader.erased',
      subject: { kind: 'reader', id: readerId },
      actor: { name: admin.staff.name, role: 'admin' },
    });
    expect(JSON.stringify(events[0])).not.toContain('erase.me');

    const csv = await app.inject({ url: `${api}/consents.csv`, headers: admin.headers });
    // Hashes, ids and "deleted" need no quoting: a plain split reads the columns that matter here.
    const rows = csv.body
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    const proof = rows.filter((row) => row[2] === detail.consentProof.subjectHashes[0]);
    expect(proof.map((row) => row[1])).toEqual(['deleted', 'deleted']);
    expect(csv.body).not.toContain('erase.me');
  });
});
