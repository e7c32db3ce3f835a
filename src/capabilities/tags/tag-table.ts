export interface TagTable {
  id: string;
  name: string;
  slug: string;
  created_at: string;
}

export interface TagTables {
  tags: TagTable;
}
