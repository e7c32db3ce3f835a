export interface TagTable {
  id: string;
  name: string;
  slug: string;
  created_at: string;
}

/** An old tag address that answers 301 to a surviving tag's page (migration 0030). */
export interface TagRedirectTable {
  old_slug: string;
  tag_id: string;
  created_at: string;
}

export interface TagTables {
  tags: TagTable;
  tag_redirects: TagRedirectTable;
}
