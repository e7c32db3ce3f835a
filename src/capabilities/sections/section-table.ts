import type { Generated } from 'kysely';

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
  /** 1 when editors keep the section's block off the front page (migration 0027). */
  front_page_hidden: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SectionTables {
  sections: SectionTable;
}
