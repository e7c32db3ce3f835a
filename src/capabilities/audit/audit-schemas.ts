import { Type } from 'typebox';
import { AUDIT_ACTIONS } from './audit.js';

/** A UUIDv7 as the server writes them: the cursor is the last event's id, checked by its form. */
const EventId = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
});

const Filters = {
  action: Type.Optional(Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)))),
  actor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'The staff id of who acted (their activity).' }),
  ),
  from: Type.Optional(
    Type.String({ description: 'From this day (2026-11-01, UTC) or time with a zone, inclusive.' }),
  ),
  to: Type.Optional(Type.String({ description: 'Up to this day or time, inclusive.' })),
};

export const AuditExportQuery = Type.Object(Filters, { additionalProperties: false });

export const AuditListQuery = Type.Object(
  {
    ...Filters,
    cursor: Type.Optional({ ...EventId, description: "The previous page's nextCursor." }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const AuditEventOut = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({
    staffId: Type.Union([Type.String(), Type.Null()], {
      description: 'Null for an API token or the command line.',
    }),
    name: Type.String({ description: 'As it was at the time.' }),
    role: Type.String({ description: 'As it was at the time.' }),
  }),
  action: Type.String({ description: `One of: ${AUDIT_ACTIONS.join(', ')}.` }),
  subject: Type.Object({ kind: Type.String(), id: Type.String() }),
  summary: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const AuditListOut = Type.Object({
  items: Type.Array(AuditEventOut),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
