// Placeholder until the media tables land.
// biome-ignore lint/suspicious/noEmptyInterface: placeholder until the tables land
export interface MediaTables {}
