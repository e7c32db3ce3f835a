export {
  ARTICLE_ACCESS,
  ARTICLE_STATUSES,
  type ArticleAccess,
  type ArticleStatus,
  type CorrectionKind,
} from './article.js';
export { checkLiveEditing, readableArticleIds } from './article-access.js';
export { articleApi, type LiveDocumentHooks } from './article-api.js';
export { type CardImage, readerCardImages } from './article-card-image.js';
export { addCorrection } from './article-corrections.js';
export { type DeletedArticle, deleteArticle, removeArticle } from './article-deletion.js';
export { isTombstone } from './article-deletion-repository.js';
export { restoreRevision } from './article-history.js';
export { IMPORTER, importArticle, parseImportFile } from './article-import.js';
export { type ArticleLeadImage, readerLeadImage } from './article-lead-image.js';
export { type LeadPhotoForMachines, leadPhotoForMachines } from './article-lead-photo.js';
export { articlePhotoRights } from './article-photo-rights.js';
export { type ArticlePreview, previewArticle } from './article-preview.js';
export { type Article, findArticle, getArticle, listArticles, workingCopy } from './article-queries.js';
export { type BylineRow, findBylines, findSectionRefs } from './article-repository.js';
export { updateArticle } from './article-saving.js';
export {
  ArticleFieldsBody,
  type ArticleFieldsInput,
  IdParams as ArticleIdParams,
} from './article-schemas.js';
export { createArticle } from './article-service.js';
export { PUBLISH_JOB, publishScheduledArticle, runWorkflow } from './article-workflow.js';
