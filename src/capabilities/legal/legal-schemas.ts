import { Type } from 'typebox';

export const LegalKindSchema = Type.Union([Type.Literal('terms'), Type.Literal('privacy')]);

const StatusSchema = Type.Union([
  Type.Literal('current'),
  Type.Literal('scheduled'),
  Type.Literal('superseded'),
]);

const summaryFields = {
  id: Type.String(),
  kind: LegalKindSchema,
  version: Type.Integer(),
  title: Type.String(),
  summaryOfChanges: Type.String(),
  requiresAcceptance: Type.Boolean(),
  effectiveAt: Type.String(),
  publishedAt: Type.String(),
  publishedBy: Type.String(),
  status: StatusSchema,
};

export const LegalVersionSummaryJson = Type.Object(summaryFields);

export const LegalDocumentJson = Type.Object({
  ...summaryFields,
  body: Type.String({ description: 'Markdown.' }),
});

export const LegalOverviewJson = Type.Object({
  documents: Type.Array(
    Type.Object({
      kind: LegalKindSchema,
      name: Type.String({ description: '"Terms of Use" or "Privacy Policy".' }),
      current: Type.Union([LegalVersionSummaryJson, Type.Null()]),
      scheduled: Type.Union([LegalVersionSummaryJson, Type.Null()]),
      versionCount: Type.Integer(),
    }),
  ),
});

export const LegalVersionListJson = Type.Object({ versions: Type.Array(LegalVersionSummaryJson) });

export const LegalKindParams = Type.Object({ kind: LegalKindSchema });

export const LegalVersionParams = Type.Object({
  kind: LegalKindSchema,
  version: Type.Integer({ minimum: 1 }),
});

export const NewLegalVersionBody = Type.Object(
  {
    title: Type.String(),
    body: Type.String({ description: 'Markdown.' }),
    summaryOfChanges: Type.String({
      description: 'What changed since the previous version; shown to readers.',
    }),
    requiresAcceptance: Type.Boolean({ description: 'Readers must accept this version before going on.' }),
    effectiveAt: Type.Optional(
      // Null first: Ajv's type coercion would otherwise turn null into "" (see the Fastify docs).
      Type.Union([
        Type.Null(),
        Type.String({ description: 'ISO 8601 with a zone; now when omitted or null.' }),
      ]),
    ),
  },
  { additionalProperties: false },
);
