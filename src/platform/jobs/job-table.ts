// Filled in by the jobs work: jobs.
// biome-ignore lint/suspicious/noEmptyInterface: placeholder until the table lands
export interface JobTables {}
