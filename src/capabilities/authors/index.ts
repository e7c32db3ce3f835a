export type { Author, AuthorKind, AuthorLink } from './author.js';
export { authorKind } from './author.js';
export { authorApi } from './author-api.js';
export { type AuthorRow, findAuthorRowBySlug } from './author-repository.js';
export type { AuthorChanges, NewAuthor } from './author-service.js';
export {
  authorLinksOf,
  createAuthor,
  deleteAuthor,
  ensureStaffAuthor,
  findAuthorById,
  findAuthorsByIds,
  findOrCreateGuestAuthors,
  listAuthors,
  updateAuthor,
} from './author-service.js';
