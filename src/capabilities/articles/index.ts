export { ARTICLE_ACCESS, ARTICLE_STATUSES, type ArticleAccess, type ArticleStatus } from './article.js';
export { readableArticleIds } from './article-access.js';
export { articleApi } from './article-api.js';
export { addCorrection } from './article-corrections.js';
export { type DeletedArticle, deleteArticle, removeArticle } from './article-deletion.js';
export { type LeadPhotoForMachines, leadPhotoForMachines } from './article-lead-photo.js';
export {
  type ArticlePage,
  LIST_COLUMNS,
  type ListedArticle,
  type ListScope,
  latestArticles,
  latestBySectionGroup,
  listPublishedArticles,
  PAGE_SIZE,
  toListedArticles,
} from './article-listing.js';
export { articlePages } from './article-pages.js';
export { articlePhotoRights } from './article-photo-rights.js';
export {
  type Article,
  createArticle,
  findArticle,
  getArticle,
  listArticles,
  updateArticle,
} from './article-service.js';
export { PUBLISH_JOB, publishScheduledArticle, runWorkflow } from './article-workflow.js';
