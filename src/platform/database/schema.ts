import type { SettingsTable } from '../../capabilities/settings/settings-table.js';
import type { StaffTable } from '../../capabilities/staff/staff-table.js';

/**
 * Every table Masthead keeps, as Kysely sees it. Each capability owns its tables' types;
 * this file only gathers them. Times are ISO 8601 UTC text in both dialects (ADR 0002).
 */
export interface Database {
  settings: SettingsTable;
  staff: StaffTable;
}
