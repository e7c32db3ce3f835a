export interface StaffTable {
  id: string;
  /** Stored lower-cased, so sign-in and uniqueness ignore case. */
  email: string;
  name: string;
  role: string;
  /** argon2id PHC string; null for an account that has not set a password yet. */
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
}
