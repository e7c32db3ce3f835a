// Placeholder until the section tables land.
// biome-ignore lint/suspicious/noEmptyInterface: placeholder until the tables land
export interface SectionTables {}
