/** The audit trail's domain: what an event says. Pure: no database, no HTTP. */

/** Every action the trail records. Later issues add publish, unpublish, settings and roles here. */
export const AUDIT_ACTIONS = ['article.deleted', 'demo.removed'] as const;
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
