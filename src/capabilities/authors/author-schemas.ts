import { Type } from 'typebox';

/**
 * Null first: Fastify's Ajv coerces types, and with the string first it would turn a JSON null into
 * "" before the null branch is tried.
 */
const NullableString = (options: Parameters<typeof Type.String>[0] = {}) =>
  Type.Union([Type.Null(), Type.String(options)]);

const AuthorLinkJson = Type.Object(
  {
    label: Type.String({ description: 'What the link is, "Website" or "Mastodon": 1 to 60 characters.' }),
    url: Type.String({ description: 'An https:// address.' }),
  },
  { additionalProperties: false },
);

const AuthorLinks = Type.Array(AuthorLinkJson, {
  maxItems: 10,
  description: 'Links shown on the author page, in this order; at most 10.',
});

export const AuthorJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  bio: Type.String(),
  kind: Type.Union([Type.Literal('staff'), Type.Literal('guest')], {
    description: 'guest: a contributor with a byline page but no login.',
  }),
  staffId: NullableString(),
  affiliation: NullableString(),
  photoUrl: NullableString(),
  links: AuthorLinks,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const AuthorListJson = Type.Object({ authors: Type.Array(AuthorJson) });

export const AuthorListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Keeps authors whose name or slug contains it.' }),
    ),
    kind: Type.Optional(Type.Union([Type.Literal('staff'), Type.Literal('guest')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const AuthorParams = Type.Object({ id: Type.String() });

export const NewAuthorBody = Type.Object(
  {
    name: Type.String(),
    slug: Type.Optional(Type.String({ description: 'Made from the name when not given.' })),
    bio: Type.Optional(Type.String()),
    staffId: Type.Optional(NullableString({ description: 'Links the profile to a staff account.' })),
    affiliation: Type.Optional(NullableString()),
    photoUrl: Type.Optional(NullableString()),
    links: Type.Optional(AuthorLinks),
  },
  { additionalProperties: false },
);

export const AuthorChangesBody = Type.Object(
  {
    name: Type.Optional(Type.String()),
    slug: Type.Optional(Type.String()),
    bio: Type.Optional(Type.String()),
    staffId: Type.Optional(NullableString()),
    affiliation: Type.Optional(NullableString()),
    photoUrl: Type.Optional(NullableString()),
    links: Type.Optional(AuthorLinks),
  },
  { additionalProperties: false, minProperties: 1 },
);
