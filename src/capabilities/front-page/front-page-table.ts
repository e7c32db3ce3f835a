/**
 * The front page's curated lists (migration 0015). One list today, the top stories; a list is a row
 * of its own so that its revision guards the whole order, not each pick.
 */
export interface FrontPageListTable {
  /** 'top-stories'. */
  id: string;
  /** Bumped by every save; a save must name the revision it was based on. */
  revision: number;
  /** Null until an editor first arranges the list. */
  updated_at: string | null;
  updated_by_staff_id: string | null;
  /** The staff member's name, or "API token: <name>", as history shows it. */
  updated_by_name: string | null;
}

/** One article picked for a list, at a place in its order (0 first). */
export interface FrontPagePickTable {
  list_id: string;
  position: number;
  article_id: string;
}

export interface FrontPageTables {
  front_page_lists: FrontPageListTable;
  front_page_picks: FrontPagePickTable;
}
