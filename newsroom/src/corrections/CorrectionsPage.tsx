import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../api/client';
import type { LoggedCorrection } from '../api/types';
import '../sections/structure.css';
import { BusyButton } from '../shell/BusyButton';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';

interface CorrectionPage {
  items: LoggedCorrection[];
  nextCursor: string | null;
}

/** The paper's corrections log across articles, newest first, each linking to the article it corrects. */
export function CorrectionsPage() {
  const zone = usePaperTimeZone();
  const log = useInfiniteQuery({
    queryKey: ['corrections'],
    queryFn: ({ pageParam }) =>
      api<CorrectionPage>(`/corrections?${new URLSearchParams(pageParam ? { cursor: pageParam } : {})}`),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="structure">
      <div className="page-head">
        <h1>Corrections</h1>
      </div>
      {log.error && <Problem text={log.error.message} />}
      {log.isPending ? (
        <p className="empty">Loading…</p>
      ) : items.length === 0 ? (
        <p className="empty">No correction has been published.</p>
      ) : (
        <ol className="rows" aria-label="Corrections log">
          {items.map((c) => (
            <li key={c.id}>
              <div className="row-name">
                <Link to="/story/$id" params={{ id: c.article.id }}>
                  {c.article.headline}
                </Link>
                <p>
                  <strong>{c.kind === 'clarification' ? 'Clarification' : 'Correction'}:</strong> {c.text}
                </p>
                <p className="detail">
                  {formatPaperTime(c.publishedAt, zone)} · by {c.by}
                  {c.article.status === 'published'
                    ? ''
                    : ` · the article is ${c.article.status.replace('_', ' ')}`}
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
      {log.hasNextPage && (
        <BusyButton busy={log.isFetchingNextPage} onPress={() => void log.fetchNextPage()}>
          Older corrections
        </BusyButton>
      )}
    </div>
  );
}
