import { Type } from 'typebox';

export const TagJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  createdAt: Type.String(),
});

export const TagListJson = Type.Object({
  tags: Type.Array(
    Type.Object({
      ...TagJson.properties,
      articleCount: Type.Integer({ description: 'How many articles carry the tag, drafts included.' }),
    }),
  ),
});

export const TagListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Keeps tags whose name or slug starts with it.' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const TagParams = Type.Object({ id: Type.String() });

export const NewTagBody = Type.Object(
  {
    name: Type.String(),
    slug: Type.Optional(Type.String({ description: 'Made from the name when not given.' })),
  },
  { additionalProperties: false },
);

export const TagChangesBody = Type.Object(
  { name: Type.Optional(Type.String()), slug: Type.Optional(Type.String()) },
  { additionalProperties: false, minProperties: 1 },
);

export const TagMergeBody = Type.Object(
  {
    into: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "The surviving tag's id: it takes this tag's articles and old address.",
    }),
  },
  { additionalProperties: false },
);
