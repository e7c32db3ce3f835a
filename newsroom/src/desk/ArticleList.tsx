import { Link } from '@tanstack/react-router';
import type { ArticleSummary } from '../api/types';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { STATUS_LABELS } from './budget-search';

// Intl (in paper-time.ts) rather than date-fns' format: the budget and the editor load without date-fns'
// formatters and locale. Every time is on the paper's clocks, with the zone's abbreviation.
function when(article: ArticleSummary, timeZone: string): string {
  const at = (iso: string) => formatPaperTime(iso, timeZone, { short: true });
  if (article.status === 'scheduled' && article.scheduledAt) return `goes live ${at(article.scheduledAt)}`;
  if (article.status === 'published' && article.publishedAt) {
    // The list shows what readers see; saved edits waiting for Update are named (ADR 0017).
    return `live since ${at(article.publishedAt)}${article.staged ? ', changes not live yet' : ''}`;
  }
  return `saved ${at(article.savedAt)}`;
}

/** An embargo that still holds, as a mark beside the status. */
function embargoMark(article: ArticleSummary, timeZone: string): string | null {
  if (!article.embargoUntil || Date.parse(article.embargoUntil) <= Date.now()) return null;
  return `Embargoed until ${formatPaperTime(article.embargoUntil, timeZone, { short: true })}`;
}

/** One line per article: headline (the link to the editor), status, section, byline and the time that matters. */
export function ArticleList({ articles, empty }: { articles: ArticleSummary[]; empty: string }) {
  const timeZone = usePaperTimeZone();
  if (articles.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="article-list">
      {articles.map((article) => {
        const embargo = embargoMark(article, timeZone);
        return (
          <li key={article.id}>
            <Link to="/story/$id" params={{ id: article.id }} className="headline">
              {article.headline}
            </Link>
            <span className={`status status-${article.status}`}>{STATUS_LABELS[article.status]}</span>
            {embargo && <span className="embargo-mark">{embargo}</span>}
            <span className="meta">
              {[article.section?.name, article.authors.map((a) => a.name).join(', '), when(article, timeZone)]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
