import type { Static } from 'typebox';
import type { Section } from './section.js';
import type { SectionJson } from './section-schemas.js';

export function presentSection(section: Section): Static<typeof SectionJson> {
  return {
    id: section.id,
    name: section.name,
    slug: section.slug,
    parentId: section.parentId,
    path: section.path,
    description: section.description,
    position: section.position,
    frontPageHidden: section.frontPageHidden,
    depth: section.path.split('/').length - 1,
    createdAt: section.createdAt,
    updatedAt: section.updatedAt,
  };
}
