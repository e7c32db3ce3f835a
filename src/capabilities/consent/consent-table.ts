/**
 * The consent ledger: one row per legal document version a reader accepted. Rows are only ever
 * inserted. When a reader is deleted reader_id becomes null and the proof stays, keyed by
 * subject_hash (a keyed hash of the normalized email address).
 */
export interface ConsentTable {
  id: string;
  reader_id: string | null;
  subject_hash: string;
  document_id: string;
  kind: string;
  version: number;
  /** 'signup' or 'reconsent'. */
  method: string;
  /** Keyed hash of the IP address the consent came from. */
  ip_hash: string;
  accepted_at: string;
}

export interface ConsentTables {
  consents: ConsentTable;
}
