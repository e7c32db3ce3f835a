export interface SectionTable {
  id: string;
  name: string;
  slug: string;
  /** Null for a top section. */
  parent_id: string | null;
  /** Slugs from the top down, "world/europe"; unique, so siblings never share a slug. */
  path: string;
  description: string;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface SectionTables {
  sections: SectionTable;
}
