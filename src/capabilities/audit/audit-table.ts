/** One thing a staff member did, as it was at the time (migration 0018). */
export interface AuditEventTable {
  /** UUIDv7: the newest-first list walks the primary key. */
  id: string;
  at: string;
  /** Null for an API token or the command line; not a foreign key, so the event outlives the account. */
  staff_id: string | null;
  /** The name and role at the time, copied: a later rename, demotion or disabled account changes nothing here. */
  staff_name: string;
  staff_role: string;
  /** `noun.verb`, e.g. `article.deleted`. */
  action: string;
  subject_kind: string;
  subject_id: string;
  /** A short line a person reads, e.g. the deleted article's headline. */
  summary: string;
  /** JSON object. */
  details: string;
}

export interface AuditTables {
  audit_events: AuditEventTable;
}
