import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction } from '../../platform/database/transaction.js';
import type { Actor } from '../staff/index.js';
import {
  findCurrentLegalDocument,
  getLegalVersion,
  legalOverview,
  listLegalVersions,
  publishLegalVersion,
} from './legal-service.js';

const admin: Actor = { staffId: null, tokenId: null, name: 'Ada Admin', role: 'admin' };
const editor: Actor = { staffId: null, tokenId: null, name: 'Desk Editor', role: 'editor' };
const terms = { title: 'Terms of Use', body: 'Be kind.', summaryOfChanges: '', requiresAcceptance: true };

describeEachDialect('legal service', (t) => {
  it('keeps every version and serves the one whose effective time has come', async () => {
    const db = t.database.db;
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const publish = (kind: 'terms' | 'privacy', input: Parameters<typeof publishLegalVersion>[4]) =>
      inTransaction(db, (trx) => publishLegalVersion(trx, clock, admin, kind, input));

    expect(await findCurrentLegalDocument(db, 'terms', clock.now())).toBeUndefined();
    const v1 = await publish('terms', terms);
    expect(v1).toMatchObject({
      kind: 'terms',
      version: 1,
      effectiveAt: '2026-11-16T09:00:00.000Z',
      publishedAt: '2026-11-16T09:00:00.000Z',
      publishedBy: 'Ada Admin',
      requiresAcceptance: true,
    });
    clock.advance(3_600_000);
    const v2 = await publish('terms', {
      ...terms,
      body: 'Be kind. Be brief.',
      summaryOfChanges: 'Asks for brevity.',
      requiresAcceptance: false,
      effectiveAt: '2026-12-01T00:00:00Z',
    });
    expect(v2).toMatchObject({
      version: 2,
      requiresAcceptance: false,
      effectiveAt: '2026-12-01T00:00:00.000Z',
    });
    await publish('privacy', { ...terms, title: 'Privacy Policy', body: 'We keep little.' });

    expect((await findCurrentLegalDocument(db, 'terms', clock.now()))?.version).toBe(1);
    expect((await findCurrentLegalDocument(db, 'terms', new Date('2026-12-01T00:00:00Z')))?.body).toBe(
      'Be kind. Be brief.',
    );
    expect((await getLegalVersion(db, 'terms', 1)).body).toBe('Be kind.');
    expect((await listLegalVersions(db, 'terms')).map((v) => v.version)).toEqual([2, 1]);

    const overview = await legalOverview(db, clock.now());
    expect(overview.map((o) => [o.kind, o.current?.version, o.scheduled?.version, o.versionCount])).toEqual([
      ['terms', 1, 2, 2],
      ['privacy', 1, undefined, 1],
    ]);
  });

  it('refuses editors and bad input, writing nothing', async () => {
    const db = t.database.db;
    const clock = fixedClock('2026-11-16T09:00:00Z');
    await expect(publishLegalVersion(db, clock, editor, 'terms', terms)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    await expect(
      publishLegalVersion(db, clock, admin, 'terms', { ...terms, effectiveAt: '2026-11-01T00:00:00Z' }),
    ).rejects.toMatchObject({ code: 'LEGAL_INVALID', status: 400, details: { field: 'effectiveAt' } });
    await expect(getLegalVersion(db, 'terms', 1)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(await listLegalVersions(db, 'terms')).toEqual([]);
  });

  it('gives simultaneous publications distinct numbers or a 409, never a duplicate', async () => {
    const db = t.database.db;
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const input = { ...terms, summaryOfChanges: 'Clearer wording.' };
    const results = await Promise.allSettled(
      [1, 2, 3].map(() =>
        inTransaction(db, (trx) => publishLegalVersion(trx, clock, admin, 'privacy', input)),
      ),
    );
    for (const r of results) {
      if (r.status === 'rejected')
        expect(r.reason).toMatchObject({ code: 'LEGAL_VERSION_CONFLICT', status: 409 });
    }
    const published = results.filter((r) => r.status === 'fulfilled').length;
    expect(published).toBeGreaterThan(0);
    const versions = (await listLegalVersions(db, 'privacy')).map((v) => v.version);
    expect(versions).toEqual(Array.from({ length: published }, (_, i) => published - i));
  });
});
