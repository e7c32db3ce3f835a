/** A staff member's TOTP two-factor: the secret (AES-256-GCM under a site key), and the last step used. */
export interface StaffTwoFactorTable {
  staff_id: string;
  /** `iv.tag.ciphertext`, base64url; never sent to anyone after enrolment. */
  secret: string;
  created_at: string;
  /** Null while enrolment waits for its first valid code; two-factor is on once set. */
  confirmed_at: string | null;
  /** The last 30-second step a code was accepted for: a code is never accepted twice (replay). */
  last_step: number | null;
}

/** Single-use recovery codes, shown once; only their SHA-256 is kept. */
export interface StaffRecoveryCodeTable {
  id: string;
  staff_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/**
 * Short-lived, single-purpose tokens: a mailed password reset, or the half-done state of a sign-in
 * (password right, second factor or mailed code still to come). Only the SHA-256 of the secret is kept.
 */
export interface StaffAuthTokenTable {
  id: string;
  staff_id: string;
  kind: string;
  secret_hash: string;
  /** Keyed hash of a mailed 6-digit code, for the kinds that have one. */
  code_hash: string | null;
  tries_left: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A record of changes to a staff member's credentials: who did what, when. */
export interface StaffSecurityEventTable {
  id: string;
  staff_id: string;
  kind: string;
  actor_staff_id: string | null;
  actor_name: string;
  created_at: string;
}

/** Newsroom-wide security rules an owner sets (`two-factor-required`: "true" or "false"). */
export interface StaffPolicyTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface StaffSecurityTables {
  staff_two_factor: StaffTwoFactorTable;
  staff_recovery_codes: StaffRecoveryCodeTable;
  staff_auth_tokens: StaffAuthTokenTable;
  staff_security_events: StaffSecurityEventTable;
  staff_policy: StaffPolicyTable;
}
