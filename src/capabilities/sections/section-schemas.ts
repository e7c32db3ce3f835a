import { Type } from 'typebox';

/**
 * Null first: Fastify's Ajv coerces types, and with the string first it would turn a JSON null into
 * "" before the null branch is tried.
 */
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([Type.Null(), schema]);

export const SectionJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  parentId: Nullable(Type.String()),
  path: Type.String({ description: 'Slugs from the top section down, "world/europe".' }),
  description: Type.String(),
  position: Type.Integer(),
  frontPageHidden: Type.Boolean({
    description: 'True when editors keep this section out of the front page blocks (its page stays).',
  }),
  depth: Type.Integer({ description: '0 for a top section.' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const SectionListJson = Type.Object({ sections: Type.Array(SectionJson) });

export const SectionParams = Type.Object({ id: Type.String() });

export const NewSectionBody = Type.Object(
  {
    name: Type.String(),
    slug: Type.Optional(Type.String({ description: 'Made from the name when not given.' })),
    parentId: Type.Optional(Nullable(Type.String())),
    description: Type.Optional(Type.String()),
    position: Type.Optional(Type.Integer()),
    frontPageHidden: Type.Optional(
      Type.Boolean({ description: 'Keep the section out of the front page blocks; false shows it.' }),
    ),
  },
  { additionalProperties: false },
);

export const SectionChangesBody = Type.Object(
  {
    name: Type.Optional(Type.String()),
    slug: Type.Optional(Type.String()),
    parentId: Type.Optional(Nullable(Type.String({ description: 'null moves the section to the top.' }))),
    description: Type.Optional(Type.String()),
    position: Type.Optional(Type.Integer()),
    frontPageHidden: Type.Optional(
      Type.Boolean({ description: 'Keep the section out of the front page blocks; false shows it.' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
