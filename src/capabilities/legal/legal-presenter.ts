import type { Static } from 'typebox';
import { LEGAL_KIND_NAMES, type LegalDocument, type LegalStatus } from './legal.js';
import type { LegalDocumentJson, LegalOverviewJson, LegalVersionSummaryJson } from './legal-schemas.js';
import type { LegalKindOverview, LegalVersionSummary } from './legal-service.js';

export function presentLegalSummary(
  doc: LegalVersionSummary,
  status: LegalStatus,
): Static<typeof LegalVersionSummaryJson> {
  return {
    id: doc.id,
    kind: doc.kind,
    version: doc.version,
    title: doc.title,
    summaryOfChanges: doc.summaryOfChanges,
    requiresAcceptance: doc.requiresAcceptance,
    effectiveAt: doc.effectiveAt,
    publishedAt: doc.publishedAt,
    publishedBy: doc.publishedBy,
    status,
  };
}

export function presentLegalDocument(
  doc: LegalDocument,
  status: LegalStatus,
): Static<typeof LegalDocumentJson> {
  return { ...presentLegalSummary(doc, status), body: doc.body };
}

export function presentLegalOverview(overview: LegalKindOverview[]): Static<typeof LegalOverviewJson> {
  return {
    documents: overview.map((o) => ({
      kind: o.kind,
      name: LEGAL_KIND_NAMES[o.kind],
      current: o.current && presentLegalSummary(o.current, 'current'),
      scheduled: o.scheduled && presentLegalSummary(o.scheduled, 'scheduled'),
      versionCount: o.versionCount,
    })),
  };
}
