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
  /** Kept here because sessions are deleted at sign-out (migration 0029). */
  last_signed_in_at: string | null;
}

/** A mailed invitation to join the newsroom (migration 0029); only the SHA-256 of the link's secret is kept. */
export interface StaffInvitationTable {
  id: string;
  email: string;
  name: string;
  role: string;
  token_hash: string;
  /** Who invited, by id and by name as it was then: not a foreign key, so it outlives that account. */
  invited_by: string | null;
  invited_by_name: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  cancelled_at: string | null;
  /** The account made when the invitee joined. */
  staff_id: string | null;
}
