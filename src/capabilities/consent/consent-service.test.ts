import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { addReader, publishLegal } from '../../../test/support/consent-fixtures.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction } from '../../platform/database/transaction.js';
import {
  consentHistory,
  documentsForSignup,
  pendingConsents,
  recordConsents,
  subjectHashOf,
} from './consent-service.js';

const DAY = 86_400_000;

describeEachDialect('consent ledger', (t) => {
  async function setup() {
    const clock = fixedClock('2026-11-16T09:00:00.000Z');
    const { deps } = await buildTestApp(t.database, { clock });
    return { deps, clock, db: deps.database.db };
  }

  it('offers the Terms and the Privacy Policy in force at sign-up, not superseded or scheduled ones', async () => {
    const { deps, clock, db } = await setup();
    expect(await documentsForSignup(db, clock)).toEqual([]);
    await publishLegal(deps, 'privacy', { requiresAcceptance: true });
    await publishLegal(deps, 'terms', { requiresAcceptance: true });
    clock.advance(DAY);
    const terms2 = await publishLegal(deps, 'terms', { requiresAcceptance: false });
    const privacy1 = (await documentsForSignup(db, clock)).find((d) => d.kind === 'privacy');
    // A version scheduled for later is not in force yet.
    await publishLegal(deps, 'terms', { requiresAcceptance: true, effectiveAt: '2027-01-01T00:00:00Z' });
    expect(await documentsForSignup(db, clock)).toEqual([
      { documentId: terms2.id, kind: 'terms', version: 2, title: 'Terms of Use' },
      privacy1,
    ]);
    expect(privacy1).toMatchObject({ kind: 'privacy', version: 1 });
  });

  it('records one row per document with the exact version, the time, the method and hashes only', async () => {
    const { deps, clock, db } = await setup();
    await publishLegal(deps, 'terms', { requiresAcceptance: true });
    clock.advance(1000);
    await publishLegal(deps, 'terms', { requiresAcceptance: false });
    await publishLegal(deps, 'privacy', { requiresAcceptance: true });
    const readerId = await addReader(deps, 'Reader@Example.org');
    const documents = await documentsForSignup(db, clock);
    clock.advance(5000);
    await inTransaction(db, (trx) =>
      recordConsents(trx, deps, {
        readerId,
        email: '  Reader@Example.ORG ',
        documents,
        method: 'signup',
        ip: '203.0.113.7',
      }),
    );
    const rows = await db.selectFrom('consents').selectAll().orderBy('kind', 'desc').execute();
    const subject = deps.keys.mac('subject-hash', 'reader@example.org');
    const ipHash = deps.keys.mac('address-hash', '203.0.113.7');
    expect(rows.map((r) => ({ ...r, version: Number(r.version) }))).toEqual([
      {
        id: expect.any(String),
        reader_id: readerId,
        subject_hash: subject,
        document_id: documents[0]!.documentId,
        kind: 'terms',
        version: 2,
        method: 'signup',
        ip_hash: ipHash,
        accepted_at: '2026-11-16T09:00:06.000Z',
      },
      {
        id: expect.any(String),
        reader_id: readerId,
        subject_hash: subject,
        document_id: documents[1]!.documentId,
        kind: 'privacy',
        version: 1,
        method: 'signup',
        ip_hash: ipHash,
        accepted_at: '2026-11-16T09:00:06.000Z',
      },
    ]);
    expect(subjectHashOf(deps, 'READER@example.org')).toBe(subject);
    expect(JSON.stringify(rows)).not.toContain('203.0.113.7');
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('reader@example.org');
  });

  it('asks for a version marked requires-acceptance, not for a plain one, and not again once accepted', async () => {
    const { deps, clock, db } = await setup();
    await publishLegal(deps, 'terms', { requiresAcceptance: true });
    await publishLegal(deps, 'privacy', { requiresAcceptance: true });
    const readerId = await addReader(deps, 'a@example.org');
    const other = await addReader(deps, 'b@example.org');
    const signUp = async (id: string, email: string) =>
      inTransaction(db, async (trx) =>
        recordConsents(trx, deps, {
          readerId: id,
          email,
          documents: await documentsForSignup(trx, clock),
          method: 'signup',
          ip: '::1',
        }),
      );
    await signUp(readerId, 'a@example.org');
    await signUp(other, 'b@example.org');
    expect(await pendingConsents(db, clock, readerId)).toEqual([]);

    clock.advance(DAY);
    await publishLegal(deps, 'terms', { requiresAcceptance: false, summaryOfChanges: 'Typos.' });
    expect(await pendingConsents(db, clock, readerId)).toEqual([]);

    clock.advance(DAY);
    const privacy2 = await publishLegal(deps, 'privacy', { requiresAcceptance: true });
    const pending = await pendingConsents(db, clock, readerId);
    expect(pending).toEqual([
      { documentId: privacy2.id, kind: 'privacy', version: 2, title: 'Privacy Policy' },
    ]);

    await inTransaction(db, (trx) =>
      recordConsents(trx, deps, {
        readerId,
        email: 'a@example.org',
        documents: pending,
        method: 'reconsent',
        ip: '::1',
      }),
    );
    expect(await pendingConsents(db, clock, readerId)).toEqual([]);
    // Someone else's acceptance is theirs alone.
    expect(await pendingConsents(db, clock, other)).toHaveLength(1);
  });

  it('keeps asking when a plain version follows an unaccepted required one, and asks for the current', async () => {
    const { deps, clock, db } = await setup();
    await publishLegal(deps, 'terms', { requiresAcceptance: true });
    const readerId = await addReader(deps, 'a@example.org');
    await inTransaction(db, async (trx) =>
      recordConsents(trx, deps, {
        readerId,
        email: 'a@example.org',
        documents: await documentsForSignup(trx, clock),
        method: 'signup',
        ip: '::1',
      }),
    );
    clock.advance(DAY);
    await publishLegal(deps, 'terms', { requiresAcceptance: true });
    clock.advance(DAY);
    const terms3 = await publishLegal(deps, 'terms', { requiresAcceptance: false });
    expect(await pendingConsents(db, clock, readerId)).toEqual([
      { documentId: terms3.id, kind: 'terms', version: 3, title: 'Terms of Use' },
    ]);
  });

  it('does not ask before a scheduled required version takes effect', async () => {
    const { deps, clock, db } = await setup();
    await publishLegal(deps, 'terms', { requiresAcceptance: false });
    const readerId = await addReader(deps, 'a@example.org');
    await inTransaction(db, async (trx) =>
      recordConsents(trx, deps, {
        readerId,
        email: 'a@example.org',
        documents: await documentsForSignup(trx, clock),
        method: 'signup',
        ip: '::1',
      }),
    );
    const later = await publishLegal(deps, 'terms', {
      requiresAcceptance: true,
      effectiveAt: '2026-12-01T00:00:00Z',
    });
    expect(await pendingConsents(db, clock, readerId)).toEqual([]);
    clock.set('2026-12-01T00:00:00.000Z');
    expect(await pendingConsents(db, clock, readerId)).toEqual([
      { documentId: later.id, kind: 'terms', version: 2, title: 'Terms of Use' },
    ]);
  });

  it('lists the history newest first, and keeps the proof when the reader is deleted', async () => {
    const { deps, clock, db } = await setup();
    const terms1 = await publishLegal(deps, 'terms', { requiresAcceptance: true });
    const privacy1 = await publishLegal(deps, 'privacy', { requiresAcceptance: true });
    const readerId = await addReader(deps, 'gone@example.org');
    await inTransaction(db, async (trx) =>
      recordConsents(trx, deps, {
        readerId,
        email: 'gone@example.org',
        documents: await documentsForSignup(trx, clock),
        method: 'signup',
        ip: '198.51.100.1',
      }),
    );
    clock.advance(DAY);
    const terms2 = await publishLegal(deps, 'terms', {
      requiresAcceptance: true,
      summaryOfChanges: 'New rules.',
    });
    await inTransaction(db, async (trx) =>
      recordConsents(trx, deps, {
        readerId,
        email: 'gone@example.org',
        documents: await pendingConsents(trx, clock, readerId),
        method: 'reconsent',
        ip: '198.51.100.2',
      }),
    );
    expect(await consentHistory(db, readerId)).toEqual([
      {
        documentId: terms2.id,
        kind: 'terms',
        version: 2,
        title: 'Terms of Use',
        acceptedAt: '2026-11-17T09:00:00.000Z',
        method: 'reconsent',
      },
      {
        documentId: terms1.id,
        kind: 'terms',
        version: 1,
        title: 'Terms of Use',
        acceptedAt: '2026-11-16T09:00:00.000Z',
        method: 'signup',
      },
      {
        documentId: privacy1.id,
        kind: 'privacy',
        version: 1,
        title: 'Privacy Policy',
        acceptedAt: '2026-11-16T09:00:00.000Z',
        method: 'signup',
      },
    ]);

    await db.deleteFrom('readers').where('id', '=', readerId).execute();
    expect(await consentHistory(db, readerId)).toEqual([]);
    const kept = await db
      .selectFrom('consents')
      .select(['reader_id', 'kind', 'version', 'method'])
      .where('subject_hash', '=', subjectHashOf(deps, 'gone@example.org'))
      .orderBy('accepted_at')
      .orderBy('kind')
      .execute();
    expect(kept.map((r) => ({ ...r, version: Number(r.version) }))).toEqual([
      { reader_id: null, kind: 'privacy', version: 1, method: 'signup' },
      { reader_id: null, kind: 'terms', version: 1, method: 'signup' },
      { reader_id: null, kind: 'terms', version: 2, method: 'reconsent' },
    ]);
  });
});
