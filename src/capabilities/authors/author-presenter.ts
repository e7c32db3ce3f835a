import type { Static } from 'typebox';
import { type Author, authorKind } from './author.js';
import type { AuthorJson } from './author-schemas.js';

export function presentAuthor(author: Author): Static<typeof AuthorJson> {
  return {
    id: author.id,
    name: author.name,
    slug: author.slug,
    bio: author.bio,
    kind: authorKind(author),
    staffId: author.staffId,
    affiliation: author.affiliation,
    photoUrl: author.photoUrl,
    links: author.links.map((l) => ({ label: l.label, url: l.url })),
    createdAt: author.createdAt,
    updatedAt: author.updatedAt,
  };
}
