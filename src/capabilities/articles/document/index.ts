export type {
  ArticleDocument,
  ArticleMark,
  ArticleNode,
  BlockquoteNode,
  BoldMark,
  BulletListNode,
  EmbedNode,
  FormattingMark,
  HardBreakNode,
  HeadingLevel,
  HeadingNode,
  HorizontalRuleNode,
  ImageNode,
  InlineNode,
  ItalicMark,
  LinkMark,
  ListItemBlockNode,
  ListItemNode,
  MarkType,
  NodeType,
  OrderedListNode,
  ParagraphNode,
  PullQuoteNode,
  QuoteBlockNode,
  SuggestionMark,
  TextBlockNode,
  TextNode,
  TopBlockNode,
} from './document.js';
export {
  emptyDocument,
  MAX_ATTRIBUTE_LENGTH,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_DEPTH,
  MAX_DOCUMENT_NODES,
  MAX_LIST_START,
} from './document.js';
export { OPEN_SHARE_PERCENT, openBlockCount, publicBodyText, splitAtWall } from './document-open.js';
export { checkDocument, type DocumentCheck } from './document-schema.js';
export {
  hasSuggestions,
  listSuggestions,
  type OpenSuggestion,
  readersDocument,
  resolveSuggestions,
  type SuggestionVerdict,
} from './document-suggestions.js';
export {
  countTextWords,
  countWords,
  documentToLines,
  documentToPlainText,
  readingMinutes,
  WORDS_PER_MINUTE,
} from './document-text.js';
export { checkImageSrc, checkLinkHref, checkWebUrl, type UrlCheck } from './document-urls.js';
export { checkMarkdown, markdownToDocument } from './markdown-to-document.js';
export { diffRevisions, type FieldChange, type FieldDiff, type RevisionValue } from './revision-diff.js';
