/** How many hits one key may make in one window. */
export interface RateRule {
  /** Names the rule in keys and logs: 'signup:ip', 'signin:account'. */
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

export type RateDecision = { ok: true } | { ok: false; rule: string; retryAfterSeconds: number };

/** Counters shared by every web process when REDIS_URL is set; this process's memory otherwise. */
export interface RateLimiter {
  /**
   * Counts one hit of `subject` (an IP, an account id, an address) against each rule; refuses when one
   * is full. All rules are checked before any is counted, so a refused hit counts nowhere.
   */
  hit(checks: ReadonlyArray<{ rule: RateRule; subject: string }>): Promise<RateDecision>;
  /** Forgets a subject's count for a rule (a successful sign-in clears its failures). */
  reset(rule: RateRule, subject: string): Promise<void>;
  close(): Promise<void>;
}

/** The slice of a pino logger the limiter reports its Redis connection's state to. */
export interface RateLimitLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/** Whole seconds to wait, never 0: a Retry-After of 0 would invite an immediate retry that is refused again. */
export function retryAfterSeconds(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 1000));
}
