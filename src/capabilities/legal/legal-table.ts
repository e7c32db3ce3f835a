// Placeholder until the legal tables land.
// biome-ignore lint/suspicious/noEmptyInterface: placeholder until the tables land
export interface LegalTables {}
