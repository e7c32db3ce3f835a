/**
 * A free reader account. Times are ISO text (ADR 0002). Everything here is personal data: deleting
 * the row (and, by cascade, its sessions and tokens) is how an account is erased.
 */
export interface ReaderTable {
  id: string;
  /** The address as the reader typed it (trimmed), used when writing to them. */
  email: string;
  /** Lower-cased; unique, so one address is one account whatever its case. */
  email_normalized: string;
  display_name: string | null;
  /** argon2id; null for a reader who signs in with mailed links and codes only. */
  password_hash: string | null;
  email_verified_at: string | null;
  /** JSON array of newsletter list ids the reader chose (see NEWSLETTER_LISTS). */
  newsletters: string;
  created_at: string;
  updated_at: string;
}

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is kept. */
export interface ReaderSessionTable {
  /** A UUIDv7 the account page can name (ending one session) without exposing the token hash. */
  id: string;
  token_hash: string;
  reader_id: string;
  created_at: string;
  last_seen_at: string;
  /** Slides forward with use; never past the absolute limit counted from created_at. */
  expires_at: string;
  user_agent: string | null;
  /** Keyed hash of the address the session started from: sessions can be told apart, the IP is not kept. */
  ip_hash: string | null;
}

/** What a mailed one-time token is for. */
export type ReaderTokenKind = 'sign-in' | 'verify-email' | 'reset-password' | 'change-email';

/**
 * A mailed one-time token: a link secret and, for sign-in and address confirmation, a 6-digit code.
 * Both are stored hashed; a token is spent by setting used_at, and dies at expires_at or when its
 * tries run out.
 */
export interface ReaderTokenTable {
  id: string;
  reader_id: string;
  kind: ReaderTokenKind;
  /** SHA-256 hex of the link secret (256 random bits, so a plain hash is enough). */
  secret_hash: string;
  /** Keyed hash of the code (a million codes are guessed in no time from a plain hash); null when none. */
  code_hash: string | null;
  tries_left: number;
  /** change-email: the address to move to once confirmed there. */
  new_email: string | null;
  /** verify-email from a password sign-up: the password takes effect only once the address is confirmed. */
  password_hash: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AccountTables {
  readers: ReaderTable;
  reader_sessions: ReaderSessionTable;
  reader_tokens: ReaderTokenTable;
}
