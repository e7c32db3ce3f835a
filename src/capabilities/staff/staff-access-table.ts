// Filled in by the staff sign-in work: staff_sessions, api_tokens.
// biome-ignore lint/suspicious/noEmptyInterface: placeholder until the tables land
export interface StaffAccessTables {}
