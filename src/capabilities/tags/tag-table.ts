// Placeholder until the tag tables land.
// biome-ignore lint/suspicious/noEmptyInterface: placeholder until the tables land
export interface TagTables {}
