/**
 * A signed-in staff member's session. The browser holds a random token; only its SHA-256 is kept,
 * so a copy of the database cannot be replayed as a cookie.
 */
export interface StaffSessionTable {
  /** SHA-256 hex of the session token in the `masthead_staff` cookie. */
  id: string;
  staff_id: string;
  /** Sent back in `x-csrf-token` on every unsafe request made with the cookie. */
  csrf_token: string;
  created_at: string;
  /** Slides forward as the session is used; never past the absolute limit from `created_at`. */
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
}

/** A long-lived bearer token for an integration, scoped to a role. Only its SHA-256 is kept. */
export interface ApiTokenTable {
  id: string;
  name: string;
  /** SHA-256 hex of the whole token (`mh_...`); unique. */
  token_hash: string;
  role: string;
  /** The staff member who created it; null only if that account was later removed. */
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface StaffAccessTables {
  staff_sessions: StaffSessionTable;
  api_tokens: ApiTokenTable;
}
