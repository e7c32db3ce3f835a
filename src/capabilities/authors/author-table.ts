// Placeholder until the author tables land.
// biome-ignore lint/suspicious/noEmptyInterface: placeholder until the tables land
export interface AuthorTables {}
