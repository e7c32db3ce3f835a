/** One row per published version; rows are only ever inserted. */
export interface LegalDocumentTable {
  id: string;
  kind: string;
  version: number;
  title: string;
  body: string;
  summary_of_changes: string;
  /** 0 or 1. */
  requires_acceptance: number;
  effective_at: string;
  published_at: string;
  published_by: string;
}

export interface LegalTables {
  legal_documents: LegalDocumentTable;
}
