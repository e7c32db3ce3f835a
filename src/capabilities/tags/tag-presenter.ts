import type { Static } from 'typebox';
import type { Tag } from './tag.js';
import type { TagJson } from './tag-schemas.js';

export function presentTag(tag: Tag): Static<typeof TagJson> {
  return { id: tag.id, name: tag.name, slug: tag.slug, createdAt: tag.createdAt };
}
