import type { Static } from 'typebox';
import { csvRow } from '../../platform/csv.js';
import type { ConsentEntry, LegalVersionRef } from './consent.js';
import type { AuditRow } from './consent-repository.js';
import type { ConsentEntryJson, LegalVersionRefJson, ReaderConsentsJson } from './consent-schemas.js';

export function presentLegalVersionRef(ref: LegalVersionRef): Static<typeof LegalVersionRefJson> {
  return { documentId: ref.documentId, kind: ref.kind, version: ref.version, title: ref.title };
}

export function presentConsentEntry(entry: ConsentEntry): Static<typeof ConsentEntryJson> {
  return { ...presentLegalVersionRef(entry), acceptedAt: entry.acceptedAt, method: entry.method };
}

export function presentReaderConsents(
  readerId: string,
  history: ConsentEntry[],
  pending: LegalVersionRef[],
): Static<typeof ReaderConsentsJson> {
  return {
    readerId,
    consents: history.map(presentConsentEntry),
    pending: pending.map(presentLegalVersionRef),
  };
}

export const AUDIT_CSV_HEADER = csvRow([
  'consent_id',
  'reader_id',
  'subject_hash',
  'document_kind',
  'version',
  'title',
  'method',
  'accepted_at',
  'ip_hash',
]);

/** One ledger row as an audit CSV record; a deleted reader's rows say "deleted". */
export function presentAuditRow(row: AuditRow): string {
  return csvRow([
    row.id,
    row.reader_id ?? 'deleted',
    row.subject_hash,
    row.kind,
    Number(row.version),
    row.title,
    row.method,
    row.accepted_at,
    row.ip_hash,
  ]);
}
