import { notFound } from '../../platform/http/errors.js';
import { absolute } from './urls.js';

/**
 * Deepest page a list serves. Pages are counted by OFFSET, so a very deep page makes the
 * database walk past every article before it; 10,000 pages of 20 is 200,000 articles in one list,
 * deeper than any reader goes (search reaches the rest).
 */
export const MAX_PAGE = 10_000;

const PAGE_NUMBER = /^[1-9][0-9]{0,4}$/;

/**
 * The page a reader asked for with `?page=N`: absent means 1. Anything but a whole number from 1 to
 * MAX_PAGE (abc, 0, -1, 1.5, ?page=1&page=2) is a 404, because no such page exists; it is not a
 * malformed request a person needs told about.
 */
export function pageNumber(raw: unknown): number {
  if (raw === undefined) return 1;
  if (typeof raw === 'string' && PAGE_NUMBER.test(raw)) {
    const page = Number(raw);
    if (page <= MAX_PAGE) return page;
  }
  throw pageNotFound();
}

export const pageNotFound = () => notFound('That page');

/** The address of page `page` of the list at `path`; page 1 is the list's own address, with no ?page. */
export function pageUrl(path: string, page: number): string {
  return page <= 1 ? path : `${path}?page=${page}`;
}

export interface PageLinks {
  /** The list's address; page 1's canonical URL. */
  path: string;
  page: number;
  hasNext: boolean;
}

/** The head links and the visible nav of a list page share these addresses. */
export function pageNeighbours({ path, page, hasNext }: PageLinks): {
  prev: string | null;
  next: string | null;
} {
  return { prev: page > 1 ? pageUrl(path, page - 1) : null, next: hasNext ? pageUrl(path, page + 1) : null };
}

/** A list page's absolute head links: canonical (page 1 without ?page) and rel=prev/next. */
export function pageHeadLinks(
  publicUrl: URL,
  links: PageLinks,
): { canonical: string; prevUrl: string | null; nextUrl: string | null } {
  const { prev, next } = pageNeighbours(links);
  return {
    canonical: absolute(publicUrl, pageUrl(links.path, links.page)),
    prevUrl: prev && absolute(publicUrl, prev),
    nextUrl: next && absolute(publicUrl, next),
  };
}

/** "Newer" and "Older" links under a list; nothing at all when the list fits on one page. */
export function Pagination(props: PageLinks) {
  const { prev, next } = pageNeighbours(props);
  if (!prev && !next) return null;
  return (
    <nav class="pagination sans" aria-label="Pages">
      {prev ? (
        <a href={prev} rel="prev">
          ← Newer
        </a>
      ) : (
        <span />
      )}
      <span aria-current="page">Page {props.page}</span>
      {next ? (
        <a href={next} rel="next">
          Older →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
