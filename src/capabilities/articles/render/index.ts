export { ArticleBody, type ArticleBodyProps, renderArticleBody } from './article-body.js';
export { Block, Blocks, Caption } from './blocks.js';
export { Inline } from './inline.js';
export { LeadFigure, type LeadFigureProps, type LeadImageSources } from './lead-figure.js';
export type { BodyImage, RenderContext } from './render-context.js';
export { isExternal, safeImageSrc, safeLinkHref, safeWebUrl } from './safe-urls.js';
