import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { addReader, publishLegal } from '../../../test/support/consent-fixtures.js';
import { parseCsv } from '../../../test/support/csv-reader.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock, isoTime } from '../../platform/clock.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { newId } from '../../platform/ids.js';
import { documentsForSignup, recordConsents, subjectHashOf } from './consent-service.js';

const api = '/api/admin/v1';
const HEADER = [
  'consent_id',
  'reader_id',
  'subject_hash',
  'document_kind',
  'version',
  'title',
  'method',
  'accepted_at',
  'ip_hash',
];

describeEachDialect('consent API', (t) => {
  async function setup() {
    const clock = fixedClock('2026-11-16T09:00:00.000Z');
    const { app, deps } = await buildTestApp(t.database, { clock });
    const db = deps.database.db;
    const signUp = async (email: string, ip = '192.0.2.1') => {
      const readerId = await addReader(deps, email);
      await inTransaction(db, async (trx) =>
        recordConsents(trx, deps, {
          readerId,
          email,
          documents: await documentsForSignup(trx, clock),
          method: 'signup',
          ip,
        }),
      );
      return readerId;
    };
    return { app, deps, clock, db, signUp };
  }

  it("shows editors a reader's history and what is pending; reporters may not", async () => {
    const { app, deps, clock, signUp } = await setup();
    const terms1 = await publishLegal(deps, 'terms', { requiresAcceptance: true });
    const privacy1 = await publishLegal(deps, 'privacy', { requiresAcceptance: true });
    const readerId = await signUp('reader@example.org');
    clock.advance(60_000);
    const terms2 = await publishLegal(deps, 'terms', { requiresAcceptance: true, summaryOfChanges: 'New.' });

    const editor = await signedInAs(deps, 'editor');
    const res = await app.inject({ url: `${api}/readers/${readerId}/consents`, headers: editor.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const signup = { acceptedAt: '2026-11-16T09:00:00.000Z', method: 'signup' };
    expect(res.json()).toEqual({
      readerId,
      consents: [
        { documentId: terms1.id, kind: 'terms', version: 1, title: 'Terms of Use', ...signup },
        { documentId: privacy1.id, kind: 'privacy', version: 1, title: 'Privacy Policy', ...signup },
      ],
      pending: [{ documentId: terms2.id, kind: 'terms', version: 2, title: 'Terms of Use' }],
    });

    const reporter = await signedInAs(deps, 'reporter');
    const refused = await app.inject({
      url: `${api}/readers/${readerId}/consents`,
      headers: reporter.headers,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');

    const missing = await app.inject({ url: `${api}/readers/${newId()}/consents`, headers: editor.headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');

    const anonymous = await app.inject({ url: `${api}/readers/${readerId}/consents` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('exports the ledger as CSV for admins only, with deleted readers and hostile titles intact', async () => {
    const { app, deps, clock, db, signUp } = await setup();
    const hostile = '=HYPERLINK("http://evil.example","click, here") @now';
    await publishLegal(deps, 'terms', { requiresAcceptance: true, title: hostile });
    await publishLegal(deps, 'privacy', { requiresAcceptance: true, title: '-Privacy "Policy", 2026' });
    const kept = await signUp('kept@example.org', '198.51.100.7');
    clock.advance(1000);
    const gone = await signUp('Gone@Example.org', '203.0.113.9');
    await db.deleteFrom('readers').where('id', '=', gone).execute();

    for (const role of ['reporter', 'editor'] as const) {
      const refused = await app.inject({
        url: `${api}/consents.csv`,
        headers: (await apiToken(deps, role)).headers,
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }

    const admin = await signedInAs(deps, 'admin');
    const res = await app.inject({ url: `${api}/consents.csv`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="consents.csv"');
    expect(res.headers['cache-control']).toBe('no-store');
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual(HEADER);
    const records = rows.slice(1).map((r) => Object.fromEntries(HEADER.map((h, i) => [h, r[i]])));
    const byKind = (kind: string, readerId: string) =>
      records.find((r) => r.document_kind === kind && r.reader_id === readerId);
    expect(records).toHaveLength(4);
    expect(byKind('terms', kept)).toEqual({
      consent_id: expect.any(String),
      reader_id: kept,
      subject_hash: subjectHashOf(deps, 'kept@example.org'),
      document_kind: 'terms',
      version: '1',
      title: `'${hostile}`,
      method: 'signup',
      accepted_at: '2026-11-16T09:00:00.000Z',
      ip_hash: deps.keys.mac('address-hash', '198.51.100.7'),
    });
    expect(byKind('privacy', 'deleted')).toMatchObject({
      subject_hash: subjectHashOf(deps, 'gone@example.org'),
      title: `'-Privacy "Policy", 2026`,
      accepted_at: '2026-11-16T09:00:01.000Z',
      ip_hash: deps.keys.mac('address-hash', '203.0.113.9'),
    });
    expect(res.body).not.toContain('203.0.113.9');
    expect(res.body.toLowerCase()).not.toContain('gone@example.org');
  });

  it('pages through a ledger bigger than one page, each row once, in time order, within the range', async () => {
    const { app, deps, clock, db } = await setup();
    const terms = await publishLegal(deps, 'terms', { requiresAcceptance: true });
    const readerId = await addReader(deps, 'busy@example.org');
    const start = clock.now().getTime();
    // 1,203 rows over 1,203 seconds, with ties at some times so paging must use the id too.
    const rows = Array.from({ length: 1203 }, (_, i) => ({
      id: newId(start + i),
      reader_id: readerId,
      subject_hash: 'h',
      document_id: terms.id,
      kind: 'terms',
      version: 1,
      method: 'signup',
      ip_hash: 'ip',
      accepted_at: isoTime(new Date(start + Math.floor(i / 3) * 3000)),
    }));
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('consents')
        .values(rows.slice(i, i + 200))
        .execute();
    const admin = await apiToken(deps, 'admin');

    const all = parseCsv(
      (await app.inject({ url: `${api}/consents.csv`, headers: admin.headers })).body,
    ).slice(1);
    expect(all).toHaveLength(1203);
    expect(new Set(all.map((r) => r[0])).size).toBe(1203);
    const times = all.map((r) => r[7]!);
    expect([...times].sort()).toEqual(times);

    // Times run from 09:00:00 to 10:00:06 in steps of 3 s; 09:10:00 to 09:19:59 holds 200 steps of 3 rows.
    const from = '2026-11-16T09:10:00Z';
    const to = '2026-11-16T09:19:59Z';
    const window = await app.inject({
      url: `${api}/consents.csv?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      headers: admin.headers,
    });
    const inWindow = parseCsv(window.body).slice(1);
    expect(inWindow).toHaveLength(600);
    expect(inWindow[0]![7]).toBe('2026-11-16T09:10:00.000Z');
    expect(inWindow.at(-1)![7]).toBe('2026-11-16T09:19:57.000Z');

    const days = await app.inject({
      url: `${api}/consents.csv?from=2026-11-17&to=2026-11-30`,
      headers: admin.headers,
    });
    expect(parseCsv(days.body)).toEqual([HEADER]);
  });

  it.each([
    ['from=last-week', 'from'],
    ['to=2026-02-30', 'to'],
    ['from=2026-11-02&to=2026-11-01', 'to'],
  ])('refuses a bad range (%s) with 400 CONSENT_RANGE_INVALID', async (query, field) => {
    const { app, deps } = await setup();
    const admin = await apiToken(deps, 'admin');
    const res = await app.inject({ url: `${api}/consents.csv?${query}`, headers: admin.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'CONSENT_RANGE_INVALID', details: { field } });
  });
});
