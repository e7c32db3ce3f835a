/**
 * The consent ledger's words: which legal document version a reader accepted, when, and how.
 * Pure domain.
 */

/** One legal document version a reader is asked to accept. */
export type LegalVersionRef = { documentId: string; kind: string; version: number; title: string };

/** How the consent was given: on the sign-up form, or on the re-consent prompt after a new version. */
export type ConsentMethod = 'signup' | 'reconsent';

export const CONSENT_METHODS: readonly ConsentMethod[] = ['signup', 'reconsent'];

/** One line of a reader's consent history. */
export type ConsentEntry = {
  documentId: string;
  kind: string;
  version: number;
  title: string;
  acceptedAt: string;
  method: ConsentMethod;
};

/** The export's window: the platform's date range (accepted_at >= from and < before). */
export type {
  DateRange as ConsentRange,
  DateRangeCheck as ConsentRangeCheck,
} from '../../platform/date-range.js';
export { checkDateRange as checkConsentRange } from '../../platform/date-range.js';
