/** The audit trail's domain: what an event says. Pure: no database, no HTTP. */

/** Every action the trail records. A capability that records one adds it here. */
export const AUDIT_ACTIONS = [
  'article.published',
  'article.unpublished',
  'article.deleted',
  'comment.deleted',
  'demo.removed',
  'staff.invited',
  'staff.invitation-cancelled',
  'staff.joined',
  'staff.role-changed',
  'staff.deactivated',
  'staff.reactivated',
  'reader.erased',
  'settings.changed',
  'legal.published',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly staffId: string | null; readonly name: string; readonly role: string };
  readonly action: AuditAction;
  readonly subject: { readonly kind: string; readonly id: string };
  readonly summary: string;
  readonly details: Record<string, unknown>;
}

/** What a caller records; who and when come from the actor and the clock. */
export interface NewAuditEvent {
  readonly action: AuditAction;
  readonly subject: { readonly kind: string; readonly id: string };
  readonly summary: string;
  readonly details?: Record<string, unknown>;
}

/** A summary is one line for a list: trimmed, on one line, at most this long. */
export const SUMMARY_MAX = 300;

export function summaryLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1)}…` : line;
}

/** Which events a list or an export takes: by who acted, what they did, and when (`at >= from`, `at < before`). */
export interface AuditFilter {
  readonly staffId?: string | undefined;
  readonly action?: AuditAction | undefined;
  readonly from?: string | null | undefined;
  readonly before?: string | null | undefined;
}
