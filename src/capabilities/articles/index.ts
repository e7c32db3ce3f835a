export { ARTICLE_ACCESS, ARTICLE_STATUSES, type ArticleAccess, type ArticleStatus } from './article.js';
export { articleApi } from './article-api.js';
export { addCorrection } from './article-corrections.js';
export { type LeadPhotoForMachines, leadPhotoForMachines } from './article-lead-photo.js';
export {
  type Article,
  createArticle,
  findArticle,
  getArticle,
  listArticles,
  updateArticle,
} from './article-service.js';
export { PUBLISH_JOB, publishScheduledArticle, runWorkflow } from './article-workflow.js';
