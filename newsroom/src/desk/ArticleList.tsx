import { Link } from '@tanstack/react-router';
import type { ArticleSummary } from '../api/types';
import { STATUS_LABELS } from './budget-search';

// Intl rather than date-fns' format: the budget and the editor load without date-fns' formatters and locale.
const SHORT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const format = (iso: string) => SHORT.format(new Date(iso));

function when(article: ArticleSummary): string {
  if (article.status === 'scheduled' && article.scheduledAt) {
    return `goes live ${format(article.scheduledAt)}`;
  }
  if (article.status === 'published' && article.publishedAt) {
    return `live since ${format(article.publishedAt)}`;
  }
  return `saved ${format(article.savedAt)}`;
}

/** One line per article: headline (the link to the editor), status, section, byline and the time that matters. */
export function ArticleList({ articles, empty }: { articles: ArticleSummary[]; empty: string }) {
  if (articles.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="article-list">
      {articles.map((article) => (
        <li key={article.id}>
          <Link to="/story/$id" params={{ id: article.id }} className="headline">
            {article.headline}
          </Link>
          <span className={`status status-${article.status}`}>{STATUS_LABELS[article.status]}</span>
          <span className="meta">
            {[article.section?.name, article.authors.map((a) => a.name).join(', '), when(article)]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  );
}
