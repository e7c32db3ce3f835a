import type { SearchResultItem, SearchResults, Segment } from '../../capabilities/search/index.js';
import type { Settings } from '../../capabilities/settings/index.js';
import { articlePath, formatDate, searchPath, sectionPath } from '../../capabilities/site/index.js';
import { Byline } from '../byline.js';

/**
 * The search page's parts. Every piece of text, the reader's query and the articles' own words
 * alike, is a text node Preact escapes; matched words are wrapped in <mark> from segments, never
 * from HTML an engine produced.
 */

export function SearchForm({
  results,
  maxLength,
  withoutAuthorUrl,
  labelledBy,
}: {
  results: SearchResults;
  maxLength: number;
  withoutAuthorUrl: string;
  /** The id of the page's heading, "Search the archive": the field's one name, said once (issue 14). */
  labelledBy: string;
}) {
  const { section, author, from, to } = results.filters;
  const byId = new Map(results.sections.map((s) => [s.id, s]));
  // "World › Europe": a subsection's name alone can be ambiguous in a flat list.
  const label = (id: string | null): string => {
    const s = id ? byId.get(id) : undefined;
    if (!s) return '';
    const parent = label(s.parentId);
    return parent ? `${parent} › ${s.name}` : s.name;
  };
  return (
    <search aria-labelledby={labelledBy}>
      <form class="search-form sans" method="get" action={searchPath()}>
        <p class="search-query">
          <input
            type="search"
            id="search-q"
            name="q"
            value={results.query}
            maxLength={maxLength}
            aria-labelledby={labelledBy}
            aria-describedby="search-hint"
          />
          <button type="submit">Search</button>
        </p>
        <p id="search-hint" class="search-hint">
          Every word must appear. End a word with * to match its beginning: elect* finds election.
        </p>
        <fieldset class="search-filters">
          <legend>Narrow the results</legend>
          <p>
            <label for="search-section">Section</label>
            <select id="search-section" name="section">
              <option value="">All sections</option>
              {results.sections.map((s) => (
                <option key={s.id} value={s.path} selected={section?.id === s.id}>
                  {label(s.id)}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="search-from">From</label>
            <input type="date" id="search-from" name="from" value={from ?? ''} />
          </p>
          <p>
            <label for="search-to">To</label>
            <input type="date" id="search-to" name="to" value={to ?? ''} />
          </p>
          {author ? (
            <p>
              <input type="hidden" name="author" value={author.slug} />
              Articles by <strong>{author.name}</strong> only.{' '}
              <a href={withoutAuthorUrl}>Search every author</a>
            </p>
          ) : null}
        </fieldset>
      </form>
    </search>
  );
}

export function SearchResultList({
  results,
  settings,
  pageUrl,
}: {
  results: SearchResults;
  settings: Settings;
  pageUrl: (page: number) => string;
}) {
  const locale = settings['publication.locale'];
  return (
    <>
      {results.notices.length > 0 ? (
        <div class="notice sans" role="status">
          {results.notices.map((n) => (
            <p key={n.field}>{n.message}</p>
          ))}
        </div>
      ) : null}
      {results.query === '' ? null : results.terms.length === 0 ? (
        <p class="search-count sans" role="status">
          Your search has no words to look for. Try a name, a place or a topic.
        </p>
      ) : (
        <>
          <p class="search-count sans" role="status">
            {results.more ? 'More than ' : null}
            {countText(results.total, locale)} for “{results.query}”
            {results.filters.section ? ` in ${results.filters.section.name}` : ''}
            {results.more
              ? `. The newest ${formatNumber(results.total, locale)} are shown, best match first; choose a section or dates to reach older articles.`
              : null}
          </p>
          {results.items.length > 0 ? (
            <ol class="card-list search-results" start={(results.page - 1) * results.pageSize + 1}>
              {results.items.map((item) => (
                <Result key={item.id} item={item} settings={settings} />
              ))}
            </ol>
          ) : (
            <div class="search-empty">
              <p>No articles match your search.</p>
              <p class="sans">Check the spelling, use fewer or different words, or remove a filter.</p>
            </div>
          )}
          <ResultPages page={results.page} pages={results.pages} pageUrl={pageUrl} />
        </>
      )}
    </>
  );
}

/** Building a NumberFormat costs a tenth of a millisecond; every results page prints a count. */
const numberFormats = new Map<string, Intl.NumberFormat | null>();

function formatNumber(n: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(locale);
    } catch {
      format = null;
    }
    numberFormats.set(locale, format);
  }
  return format ? format.format(n) : String(n);
}

function countText(total: number, locale: string): string {
  return total === 1 ? '1 article' : `${formatNumber(total, locale)} articles`;
}

function Result({ item, settings }: { item: SearchResultItem; settings: Settings }) {
  const timeZone = settings['publication.timezone'];
  return (
    <li class="card">
      {item.section ? (
        <p class="section-label">
          <a href={sectionPath(item.section.path)}>{item.section.name}</a>
        </p>
      ) : null}
      <h2>
        <a href={articlePath(item, timeZone)}>
          <Marked segments={item.headline} />
        </a>
      </h2>
      {item.dek.length > 0 ? (
        <p class="dek">
          <Marked segments={item.dek} />
        </p>
      ) : null}
      {item.snippet.length > 0 ? (
        <p class="snippet">
          <Marked segments={item.snippet} />
        </p>
      ) : null}
      <p class="byline">
        <ResultByline item={item} locale={settings['publication.locale']} />
        <time datetime={item.publishedAt}>{formatDate(item.publishedAt, settings)}</time>
      </p>
    </li>
  );
}

function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}

/** "By A and B, suffix · " before the date; each name links the author's page. */
function ResultByline({ item, locale }: { item: SearchResultItem; locale: string }) {
  if (item.authors.length === 0 && !item.bylineSuffix) return null;
  return (
    <>
      <Byline authors={item.authors} locale={locale} />
      {item.bylineSuffix ? ` ${item.bylineSuffix}` : null}
      {' · '}
    </>
  );
}

/** Previous and next pages, with rel=prev/next, and where the reader is. */
function ResultPages({
  page,
  pages,
  pageUrl,
}: {
  page: number;
  pages: number;
  pageUrl: (page: number) => string;
}) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination sans" aria-label="Result pages">
      {page > 1 ? (
        <a href={pageUrl(page - 1)} rel="prev">
          ← Previous
        </a>
      ) : (
        <span />
      )}
      <span aria-current="page">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <a href={pageUrl(page + 1)} rel="next">
          Next →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
