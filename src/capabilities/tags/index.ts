export type { Tag } from './tag.js';
export { tagApi } from './tag-api.js';
export { findTagRowBySlug } from './tag-repository.js';
export { createTag, deleteTag, findOrCreateTags, findTagById, listTags, updateTag } from './tag-service.js';
