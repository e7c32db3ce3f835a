import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import { type Db, isUniqueViolation } from '../../platform/database/database.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { queuePurge } from '../../platform/http/purge-log.js';
import { newId } from '../../platform/ids.js';
import { recordAuditEvent } from '../audit/index.js';
import { type Actor, assertRole } from '../staff/index.js';
import {
  checkNewLegalVersion,
  currentVersion,
  LEGAL_KINDS,
  type LegalDocument,
  type LegalKind,
  type NewLegalVersion,
} from './legal.js';
import { legalInvalid, legalVersionConflict, legalVersionNotFound } from './legal-errors.js';
import {
  findCurrentLegalRow,
  findLatestLegalRow,
  findLegalRow,
  insertLegalRow,
  type LegalDocumentRow,
  type LegalSummaryRow,
  listLegalSummaryRows,
} from './legal-repository.js';

/** A version without its body, for lists. */
export type LegalVersionSummary = Omit<LegalDocument, 'body'>;

/** The version of `kind` in force at `now`, with its body; undefined before the first takes effect. */
export async function findCurrentLegalDocument(
  db: Db,
  kind: LegalKind,
  now: Date,
): Promise<LegalDocument | undefined> {
  const row = await findCurrentLegalRow(db, kind, isoTime(now));
  return row && toLegalDocument(row);
}

/** Every version of `kind`, newest first, without bodies. */
export async function listLegalVersions(db: Db, kind: LegalKind): Promise<LegalVersionSummary[]> {
  return (await listLegalSummaryRows(db, kind)).map(toSummary);
}

export async function findLegalVersion(
  db: Db,
  kind: LegalKind,
  version: number,
): Promise<LegalDocument | undefined> {
  const row = await findLegalRow(db, kind, version);
  return row && toLegalDocument(row);
}

/** One version with its body, or 404. */
export async function getLegalVersion(db: Db, kind: LegalKind, version: number): Promise<LegalDocument> {
  const doc = await findLegalVersion(db, kind, version);
  if (!doc) throw legalVersionNotFound(kind, version);
  return doc;
}

export interface LegalKindOverview {
  kind: LegalKind;
  current: LegalVersionSummary | null;
  /** The next version waiting for its effective time, if any. */
  scheduled: LegalVersionSummary | null;
  versionCount: number;
}

/** For each kind: the version in force, the next one scheduled, and how many versions exist. */
export async function legalOverview(db: Db, now: Date): Promise<LegalKindOverview[]> {
  const at = isoTime(now);
  const overview: LegalKindOverview[] = [];
  for (const kind of LEGAL_KINDS) {
    const versions = await listLegalVersions(db, kind);
    const current = currentVersion(versions, at);
    const waiting = versions.filter((v) => v.effectiveAt > at);
    overview.push({ kind, current, scheduled: waiting.at(-1) ?? null, versionCount: versions.length });
  }
  return overview;
}

/**
 * Publishes the next version of `kind` (admin and above). Earlier versions stay as they were.
 * Call it inside a transaction; two admins publishing at once get one version each or a 409,
 * never two documents with the same number.
 */
export async function publishLegalVersion(
  db: Db,
  clock: Clock,
  actor: Actor,
  kind: LegalKind,
  input: NewLegalVersion,
): Promise<LegalDocument> {
  assertRole(actor, 'admin', 'publish legal documents');
  const latest = await findLatestLegalRow(db, kind);
  const now = isoTime(clock.now());
  const check = checkNewLegalVersion(input, {
    now,
    previous: latest ? { version: Number(latest.version), effectiveAt: latest.effective_at } : null,
  });
  if (!check.ok) throw legalInvalid(check.field, check.message);
  const row: LegalDocumentRow = {
    id: newId(clock.now().getTime()),
    kind,
    version: latest ? Number(latest.version) + 1 : 1,
    title: check.value.title,
    body: check.value.body,
    summary_of_changes: check.value.summaryOfChanges,
    requires_acceptance: check.value.requiresAcceptance ? 1 : 0,
    effective_at: check.value.effectiveAt,
    published_at: now,
    published_by: actor.name,
  };
  // The legal pages and every footer's links show the current versions.
  await queuePurge(db, clock, [CacheKey.legal, CacheKey.site]);
  try {
    await insertLegalRow(db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw legalVersionConflict(kind);
    throw error;
  }
  await recordAuditEvent(db, clock, actor, {
    action: 'legal.published',
    subject: { kind: 'legal', id: row.id },
    summary: `${row.title} version ${row.version}${row.requires_acceptance ? ', requires acceptance' : ''}`,
    details: {
      kind,
      version: row.version,
      requiresAcceptance: row.requires_acceptance === 1,
      effectiveAt: row.effective_at,
    },
  });
  return toLegalDocument(row);
}

function toSummary(row: LegalSummaryRow): LegalVersionSummary {
  return {
    id: row.id,
    kind: row.kind as LegalKind,
    version: Number(row.version),
    title: row.title,
    summaryOfChanges: row.summary_of_changes,
    requiresAcceptance: Number(row.requires_acceptance) === 1,
    effectiveAt: row.effective_at,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}

function toLegalDocument(row: LegalDocumentRow): LegalDocument {
  return { ...toSummary(row), body: row.body };
}
