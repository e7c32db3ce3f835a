/** What the demo edition made, one row per thing (migration 0019). */
export interface DemoItemTable {
  kind: DemoItemKind;
  id: string;
}

export const DEMO_ITEM_KINDS = ['article', 'photo', 'section', 'tag', 'author'] as const;
export type DemoItemKind = (typeof DEMO_ITEM_KINDS)[number];

export interface DemoTables {
  demo_items: DemoItemTable;
}
