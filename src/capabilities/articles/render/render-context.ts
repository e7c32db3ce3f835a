import type { ImageNode } from '../document/index.js';

/** An image ready for the page: the media library fills in size and variants when it knows them. */
export interface BodyImage {
  src: string;
  width?: number | null;
  height?: number | null;
  srcset?: string | null;
  sizes?: string | null;
}

/** What rendering a body needs beyond the document itself. */
export interface RenderContext {
  /** The site's origin ("https://news.example"), to tell our own links from other sites'. */
  siteOrigin: string;
  /**
   * Turns an image node into something to show. Without it only `src` is used (checked); an image
   * known only by `mediaId` then shows nothing until the media library supplies this.
   */
  resolveImage?: (attrs: ImageNode['attrs']) => BodyImage | null;
}
