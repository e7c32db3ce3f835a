/** One row per setting that differs from its default; `value` is JSON. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}
