import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useId, useState } from 'react';
import { Button } from 'react-aria-components';
import type { ArticleStatus } from '../api/types';
import { ChoiceField } from '../shell/ChoiceField';
import { samePaperDay } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { useStaff } from '../shell/session';
import { ArticleList } from './ArticleList';
import { SortChoice, StorySearch, TagFilter, useBudgetReadyMark } from './BudgetFilters';
import { type BudgetSearch, isFiltered, STATUS_LABELS } from './budget-search';
import { TODAYS_LIMIT, TODAYS_LISTS, useArticlePage, useSections, useStaffAuthors } from './desk-queries';
import { NewArticleButton } from './NewArticleButton';

const ANY = '';

/** The story budget: what is in hand today, or one filtered list with paging. */
export function BudgetPage() {
  const search = useSearch({ from: '/' });
  const navigate = useNavigate({ from: '/' });
  const sections = useSections();
  const authors = useStaffAuthors();
  const set = (change: Partial<BudgetSearch>) =>
    void navigate({ search: (prev: BudgetSearch) => ({ ...prev, ...change }) });
  // Typing replaces the address instead of adding to the history: Back leaves the search, not each pause.
  const setText = useCallback(
    (q: string | undefined) =>
      void navigate({ search: (prev: BudgetSearch) => ({ ...prev, q }), replace: true }),
    [navigate],
  );

  return (
    <div className="budget">
      <div className="page-head">
        <h1>Story budget</h1>
        <NewArticleButton />
      </div>
      <search className="filters" aria-label="Filter articles">
        <StorySearch value={search.q} onChange={setText} />
        <ChoiceField
          label="Status"
          value={search.status ?? ANY}
          choices={[
            { id: ANY, label: 'Any status' },
            ...Object.entries(STATUS_LABELS).map(([id, label]) => ({ id, label })),
          ]}
          onChange={(v) => set({ status: (v || undefined) as ArticleStatus | undefined })}
        />
        <ChoiceField
          label="Section"
          value={search.section ?? ANY}
          choices={[
            { id: ANY, label: 'Any section' },
            ...(sections.data ?? []).map((s) => ({ id: s.path, label: s.name })),
          ]}
          onChange={(v) => set({ section: v || undefined })}
        />
        <ChoiceField
          label="Author"
          value={search.author ?? ANY}
          choices={[
            { id: ANY, label: 'Any author' },
            ...(authors.data ?? []).map((a) => ({ id: a.id, label: a.name })),
          ]}
          onChange={(v) => set({ author: v || undefined })}
        />
        <TagFilter value={search.tag} onChange={(tag) => set({ tag })} />
        <SortChoice value={search.sort} onChange={(sort) => set({ sort })} />
        {isFiltered(search) && <Button onPress={() => void navigate({ search: {} })}>Clear filters</Button>}
      </search>
      {isFiltered(search) ? <FilteredList search={search} /> : <TodaysBudget />}
    </div>
  );
}

function TodaysBudget() {
  const staff = useStaff();
  const authors = useStaffAuthors();
  const me = authors.data?.find((a) => a.staffId === staff.id);
  const mine = useArticlePage({ status: 'draft', author: me?.id ?? '' }, null, 50, Boolean(me));
  const [inReview, inSchedule, live] = TODAYS_LISTS as [BudgetSearch, BudgetSearch, BudgetSearch];
  const review = useArticlePage(inReview, null, TODAYS_LIMIT);
  const scheduled = useArticlePage(inSchedule, null, TODAYS_LIMIT);
  // Newest saves first: today's publications are among the first fifty unless it was a very busy day.
  const published = useArticlePage(live, null, TODAYS_LIMIT);
  // The paper's today, not this computer's: a late story in New York is today's for the desk in London too.
  const timeZone = usePaperTimeZone();
  const today = (published.data?.items ?? []).filter(
    (a) => a.publishedAt && samePaperDay(a.publishedAt, new Date(), timeZone),
  );
  useBudgetReadyMark(
    authors.isSuccess &&
      !(mine.isPending && me) &&
      !review.isPending &&
      !scheduled.isPending &&
      !published.isPending,
  );
  return (
    <div className="budget-groups">
      <BudgetGroup title="My drafts" loading={mine.isPending && Boolean(me)}>
        <ArticleList articles={mine.data?.items ?? []} empty="No drafts of yours." />
      </BudgetGroup>
      <BudgetGroup title="In review" loading={review.isPending}>
        <ArticleList articles={review.data?.items ?? []} empty="Nothing waits for review." />
      </BudgetGroup>
      <BudgetGroup title="Scheduled" loading={scheduled.isPending}>
        <ArticleList articles={scheduled.data?.items ?? []} empty="Nothing is scheduled." />
      </BudgetGroup>
      <BudgetGroup title="Published today" loading={published.isPending}>
        <ArticleList articles={today} empty="Nothing published today yet." />
      </BudgetGroup>
    </div>
  );
}

function BudgetGroup(props: { title: string; loading: boolean; children: React.ReactNode }) {
  return (
    <section className="budget-group" aria-busy={props.loading}>
      <h2>{props.title}</h2>
      {props.loading ? <p className="empty">Loading…</p> : props.children}
    </section>
  );
}

/** A filtered list, paged with the API's cursors (a stack of them, for going back). */
function FilteredList({ search }: { search: BudgetSearch }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const key = JSON.stringify(search);
  const [forKey, setForKey] = useState(key);
  if (forKey !== key) {
    setForKey(key);
    setCursors([]);
  }
  const page = useArticlePage(search, cursors.at(-1) ?? null);
  useBudgetReadyMark(!page.isPending);
  const heading = useId();
  return (
    <section className="budget-group" aria-busy={page.isPending} aria-labelledby={heading}>
      <h2 id={heading}>Articles</h2>
      {page.error && <p role="alert">{page.error.message}</p>}
      {page.isPending ? (
        <p className="empty">Loading…</p>
      ) : (
        <ArticleList articles={page.data?.items ?? []} empty="No article matches these filters." />
      )}
      <nav className="pager" aria-label="Pages">
        <Button isDisabled={cursors.length === 0} onPress={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </Button>
        <span>Page {cursors.length + 1}</span>
        <Button
          isDisabled={!page.data?.nextCursor}
          onPress={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          Next page
        </Button>
      </nav>
    </section>
  );
}
