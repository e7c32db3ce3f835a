export interface AuthorTable {
  id: string;
  name: string;
  slug: string;
  bio: string;
  /** Unique: one profile per staff account. Null for a guest contributor. */
  staff_id: string | null;
  affiliation: string | null;
  photo_url: string | null;
  /** JSON: `[{"label","url"}]`, checked by checkLinks (migration 0028). */
  links: string;
  created_at: string;
  updated_at: string;
}

export interface AuthorTables {
  authors: AuthorTable;
}
