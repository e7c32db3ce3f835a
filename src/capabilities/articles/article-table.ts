// Placeholder until the article tables land.
// biome-ignore lint/suspicious/noEmptyInterface: placeholder until the tables land
export interface ArticleTables {}
