/** A live document's stored Yjs state (ADR 0031); states are base64 text on both databases. */
export interface LiveDocumentTable {
  article_id: string;
  /** The whole shared document, as Y.encodeStateAsUpdate. */
  state: string;
  /** The document as it was when it last matched a revision: the base an Admin API write is merged against. */
  base_state: string;
  /** That revision's number. */
  base_revision: number;
  updated_at: string;
}

export interface LiveDocumentTables {
  live_documents: LiveDocumentTable;
}
