export type { Tag } from './tag.js';
export { tagApi } from './tag-api.js';
export { findTagRedirect, mergeTags } from './tag-merge.js';
export { findTagRowBySlug } from './tag-repository.js';
export {
  createTag,
  deleteTag,
  findOrCreateTags,
  findTagById,
  findTagsNamed,
  getTag,
  listTags,
  updateTag,
} from './tag-service.js';
