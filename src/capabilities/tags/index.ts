export type { Tag } from './tag.js';
export { tagApi } from './tag-api.js';
export { createTag, deleteTag, findOrCreateTags, findTagById, listTags, updateTag } from './tag-service.js';
