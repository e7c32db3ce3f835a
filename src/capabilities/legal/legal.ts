/**
 * Legal documents: the Terms of Use and the Privacy Policy, as numbered versions that are never
 * edited or deleted, because every reader's consent names the exact version it was given to.
 * Pure domain.
 */

export const LEGAL_KINDS = ['terms', 'privacy'] as const;
export type LegalKind = (typeof LEGAL_KINDS)[number];

export const LEGAL_KIND_NAMES: Record<LegalKind, string> = {
  terms: 'Terms of Use',
  privacy: 'Privacy Policy',
};

export interface LegalDocument {
  readonly id: string;
  readonly kind: LegalKind;
  /** 1, 2, 3... per kind. */
  readonly version: number;
  readonly title: string;
  /** Markdown. */
  readonly body: string;
  readonly summaryOfChanges: string;
  /** Readers who accepted an earlier version must accept this one before going on. */
  readonly requiresAcceptance: boolean;
  /** From this moment the version is the one in force (now or later when published). */
  readonly effectiveAt: string;
  readonly publishedAt: string;
  /** The name of the staff member or API token that published it. */
  readonly publishedBy: string;
}

/** current: in force now; scheduled: takes effect later; superseded: a later version is in force. */
export type LegalStatus = 'current' | 'scheduled' | 'superseded';

export function isLegalKind(value: string): value is LegalKind {
  return (LEGAL_KINDS as readonly string[]).includes(value);
}

/**
 * The version in force at `now`: the newest whose effective time has come. Versions take effect in
 * the order they were published (see checkNewLegalVersion), so "newest" and "latest in time" agree.
 */
export function currentVersion<T extends Pick<LegalDocument, 'version' | 'effectiveAt'>>(
  versions: readonly T[],
  now: string,
): T | null {
  let current: T | null = null;
  for (const v of versions) {
    if (v.effectiveAt <= now && (current === null || v.version > current.version)) current = v;
  }
  return current;
}

export function legalStatus(
  doc: Pick<LegalDocument, 'version' | 'effectiveAt'>,
  current: Pick<LegalDocument, 'version'> | null,
  now: string,
): LegalStatus {
  if (doc.effectiveAt > now) return 'scheduled';
  return current !== null && doc.version === current.version ? 'current' : 'superseded';
}

export const LEGAL_TITLE_MAX = 200;
export const LEGAL_BODY_MAX = 200_000;
export const LEGAL_SUMMARY_MAX = 2000;

export interface NewLegalVersion {
  title: string;
  body: string;
  summaryOfChanges: string;
  requiresAcceptance: boolean;
  /** ISO 8601 with a zone; omitted means now. */
  effectiveAt?: string | null;
}

export interface CheckedLegalVersion {
  title: string;
  body: string;
  summaryOfChanges: string;
  requiresAcceptance: boolean;
  effectiveAt: string;
}

export type LegalCheck =
  | { ok: true; value: CheckedLegalVersion }
  | { ok: false; field: keyof NewLegalVersion; message: string };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks a new version against the clock and the version before it. It may take effect now or
 * later, never earlier: consents already given name the version in force when they were given,
 * and a back-dated version would rewrite that history. Nor before the version it follows, so the
 * versions take effect in order.
 */
export function checkNewLegalVersion(
  input: NewLegalVersion,
  context: { now: string; previous: Pick<LegalDocument, 'version' | 'effectiveAt'> | null },
): LegalCheck {
  const title = input.title.trim().replace(/\s+/g, ' ');
  if (title === '' || title.length > LEGAL_TITLE_MAX) {
    return { ok: false, field: 'title', message: `A title of 1 to ${LEGAL_TITLE_MAX} characters is needed.` };
  }
  const body = input.body.replace(/\r\n?/g, '\n');
  if (body.trim() === '') return { ok: false, field: 'body', message: 'The document needs a body.' };
  if (body.length > LEGAL_BODY_MAX) {
    return { ok: false, field: 'body', message: `The body can have at most ${LEGAL_BODY_MAX} characters.` };
  }
  const summaryOfChanges = input.summaryOfChanges.trim();
  if (summaryOfChanges.length > LEGAL_SUMMARY_MAX) {
    return {
      ok: false,
      field: 'summaryOfChanges',
      message: `The summary of changes can have at most ${LEGAL_SUMMARY_MAX} characters.`,
    };
  }
  if (context.previous !== null && summaryOfChanges === '') {
    return {
      ok: false,
      field: 'summaryOfChanges',
      message: `Say what changed since version ${context.previous.version}; readers are shown it.`,
    };
  }
  let effectiveAt = context.now;
  if (input.effectiveAt !== undefined && input.effectiveAt !== null) {
    const raw = input.effectiveAt.trim();
    const at = ISO_TIME.test(raw) ? new Date(raw) : null;
    if (at === null || Number.isNaN(at.getTime())) {
      return {
        ok: false,
        field: 'effectiveAt',
        message: `"${raw}" is not a time: use ISO 8601 with a zone, such as 2026-12-01T00:00:00Z.`,
      };
    }
    effectiveAt = at.toISOString();
    if (effectiveAt < context.now) {
      return {
        ok: false,
        field: 'effectiveAt',
        message:
          'A version cannot take effect in the past; leave the effective time out to make it effective now.',
      };
    }
  }
  if (context.previous !== null && effectiveAt < context.previous.effectiveAt) {
    return {
      ok: false,
      field: 'effectiveAt',
      message: `Version ${context.previous.version} takes effect at ${context.previous.effectiveAt}; a later version cannot take effect before it.`,
    };
  }
  return {
    ok: true,
    value: { title, body, summaryOfChanges, requiresAcceptance: input.requiresAcceptance, effectiveAt },
  };
}
