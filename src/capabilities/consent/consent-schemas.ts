import { Type } from 'typebox';

const MethodSchema = Type.Union([Type.Literal('signup'), Type.Literal('reconsent')]);

export const LegalVersionRefJson = Type.Object({
  documentId: Type.String(),
  kind: Type.String({ description: 'terms or privacy' }),
  version: Type.Integer(),
  title: Type.String(),
});

export const ConsentEntryJson = Type.Object({
  ...LegalVersionRefJson.properties,
  acceptedAt: Type.String(),
  method: MethodSchema,
});

export const ReaderConsentsJson = Type.Object({
  readerId: Type.String(),
  consents: Type.Array(ConsentEntryJson, { description: 'Newest first.' }),
  pending: Type.Array(LegalVersionRefJson, {
    description: 'Versions in force the reader must still accept before reading on.',
  }),
});

export const ReaderParams = Type.Object({ readerId: Type.String({ minLength: 1, maxLength: 100 }) });

export const ConsentExportQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({ description: 'From this day (2026-11-01, UTC) or time with a zone, inclusive.' }),
    ),
    to: Type.Optional(Type.String({ description: 'Up to this day or time, inclusive.' })),
  },
  { additionalProperties: false },
);
