import { Type } from 'typebox';

export const ReaderSearchQuery = Type.Object(
  {
    email: Type.Optional(
      Type.String({
        maxLength: 320,
        description: 'Part of the address, any case; empty or missing for all.',
      }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 100, description: "The previous page's nextCursor." })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
);

const readerFields = {
  id: Type.String(),
  email: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  emailVerifiedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
};

export const ReaderSummaryJson = Type.Object(readerFields);

export const ReaderListJson = Type.Object({
  readers: Type.Array(ReaderSummaryJson, { description: 'Newest first.' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'null on the last page.' }),
});

/** What stays of a reader once erased: their consent entries, keyed by a hash of the address. */
const ConsentProofJson = Type.Object({
  entries: Type.Integer({ description: 'Consent entries in the ledger that outlive the account.' }),
  subjectHashes: Type.Array(Type.String(), {
    description: 'Keyed hashes of the addresses the consents were given with (subject_hash in the CSV).',
  }),
});

export const ReaderDetailJson = Type.Object({
  ...readerFields,
  hasPassword: Type.Boolean(),
  newsletters: Type.Array(Type.String()),
  updatedAt: Type.String(),
  sessions: Type.Array(
    Type.Object({
      id: Type.String(),
      createdAt: Type.String(),
      lastSeenAt: Type.String(),
      expiresAt: Type.String(),
      userAgent: Type.Union([Type.String(), Type.Null()]),
    }),
    { description: 'Signed-in browsers not yet expired, most recently seen first.' },
  ),
  consentProof: ConsentProofJson,
});

export const ReaderIdParams = Type.Object({ readerId: Type.String({ minLength: 1, maxLength: 100 }) });

export const ReaderErasedJson = Type.Object({
  readerId: Type.String(),
  erasedAt: Type.String(),
  kept: ConsentProofJson,
});
