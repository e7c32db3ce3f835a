import { Link } from '@tanstack/react-router';
import { format } from 'date-fns';
import type { ArticleSummary } from '../api/types';
import { STATUS_LABELS } from './budget-search';

function when(article: ArticleSummary): string {
  if (article.status === 'scheduled' && article.scheduledAt) {
    return `goes live ${format(new Date(article.scheduledAt), 'd MMM, HH:mm')}`;
  }
  if (article.status === 'published' && article.publishedAt) {
    return `live since ${format(new Date(article.publishedAt), 'd MMM, HH:mm')}`;
  }
  return `saved ${format(new Date(article.savedAt), 'd MMM, HH:mm')}`;
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
