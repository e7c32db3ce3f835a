import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useArticlePage } from '../desk/desk-queries';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { ReaderFrame } from '../shell/ReaderFrame';
import { SuggestField } from '../shell/SuggestField';
import { useStaff } from '../shell/session';
import {
  type FrontPage,
  type FrontPagePick,
  MAX_PICKS,
  markShown,
  saveFrontPage,
  TOP_STORIES,
  useFrontPage,
} from './front-page-queries';
import { StaleSave } from './StaleSave';
import { TopStoriesList } from './TopStoriesList';
import { useHomePage } from './use-home-page';
import './front-page.css';
import { BusyButton } from '../shell/BusyButton';

/** An order being changed here, and the revision it started from (sent back with the save). */
interface Draft {
  revision: number;
  picks: FrontPagePick[];
}

/**
 * The front page (issue 16): the top stories in the editors' order, reordered by dragging or by keyboard,
 * stories added by search and removed, saved; the home page beside them as the next reader gets it.
 */
export function FrontPagePage() {
  const page = useFrontPage();
  const staff = useStaff();
  const mayArrange = staff.role === 'editor' || staff.role === 'admin' || staff.role === 'owner';
  const [draft, setDraft] = useState<Draft | null>(null);
  const [theirs, setTheirs] = useState<FrontPage | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const [version, setVersion] = useState(0);
  const home = useHomePage(version);
  const queries = useQueryClient();
  const timeZone = usePaperTimeZone();

  if (page.error) return <Problem text={page.error.message} />;
  if (!page.data) return <p className="loading">Loading the front page…</p>;
  const saved = page.data;
  const picks = draft?.picks ?? saved.picks;

  const change = (next: FrontPagePick[], moved?: FrontPagePick) => {
    setDraft({ revision: draft?.revision ?? saved.revision, picks: markShown(next) });
    setProblem(null);
    if (moved) {
      const at = next.findIndex((p) => p.articleId === moved.articleId) + 1;
      setSaid(`“${moved.headline}” moved to position ${at} of ${next.length}.`);
    } else if (next.length < picks.length) setSaid(`Removed. ${next.length} stories picked.`);
  };

  async function save(revision: number, order: FrontPagePick[]) {
    setSaving(true);
    setProblem(null);
    try {
      const answer = await saveFrontPage(revision, order);
      queries.setQueryData(['front-page'], answer);
      setDraft(null);
      setTheirs(null);
      setSaid('Saved: readers see this order from the next page they open.');
      setVersion((v) => v + 1);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'FRONT_PAGE_CONFLICT') {
        const current = error.details.current as FrontPage;
        setTheirs(current);
        queries.setQueryData(['front-page'], current);
        setVersion((v) => v + 1);
      } else setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="front-page">
      <div className="page-head">
        <h1>Front page</h1>
        <p className="front-page-head-note">
          {saved.updatedBy && saved.updatedAt
            ? `Last saved by ${saved.updatedBy.name}, ${formatPaperTime(saved.updatedAt, timeZone)}`
            : 'Never arranged: the newest published articles lead.'}
        </p>
      </div>
      <div className="front-page-columns">
        <div className="front-page-editor">
          {theirs && draft ? (
            <StaleSave
              theirs={theirs}
              yours={draft.picks}
              busy={saving}
              onKeepTheirs={() => {
                setDraft(null);
                setTheirs(null);
                setSaid('Their order kept.');
              }}
              onSaveYours={() => void save(theirs.revision, draft.picks)}
            />
          ) : (
            <>
              <h2 id="top-stories-title">Top stories</h2>
              <p className="detail">
                The first {TOP_STORIES} published picks lead the home page; drag a story by its handle, or
                move to the handle with the right arrow, press Enter, move with the arrow keys and press Enter
                again.
              </p>
              <TopStoriesList picks={picks} onChange={change} label="Top stories" />
              <p className="visually-hidden" role="status">
                {said}
              </p>
              {mayArrange && (
                <AddStory
                  picks={picks}
                  onAdd={(pick) => {
                    change([...picks, pick]);
                    setSaid(`“${pick.headline}” added at position ${picks.length + 1}.`);
                  }}
                />
              )}
              <Problem text={problem} className="form-error" />
              <div className="actions">
                {mayArrange ? (
                  <>
                    <BusyButton
                      className="react-aria-Button primary"
                      isDisabled={!draft}
                      busy={saving}
                      onPress={() => draft && void save(draft.revision, draft.picks)}
                    >
                      Save order
                    </BusyButton>
                    <BusyButton isDisabled={!draft} busy={saving} onPress={() => setDraft(null)}>
                      Undo changes
                    </BusyButton>
                    <span aria-hidden="true">{draft ? 'Not saved yet.' : ''}</span>
                  </>
                ) : (
                  <p>Editors set the front page; you can see its order here.</p>
                )}
              </div>
            </>
          )}
        </div>
        <ReaderFrame title="Home page" page={home} initialWidth="desktop" />
      </div>
    </div>
  );
}

/** Finds a published article by its words and adds it at the end of the picks. */
function AddStory(props: { picks: FrontPagePick[]; onAdd(pick: FrontPagePick): void }) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const q = typed.trim();
  const found = useArticlePage({ status: 'published', q }, null, 10, q !== '');
  const picked = new Set(props.picks.map((p) => p.articleId));
  const articles = (found.data?.items ?? []).filter((a) => !picked.has(a.id));
  return (
    <SuggestField
      label="Add a story"
      description="Type words of a published headline, then pick it."
      suggestions={articles.map((a) => ({ id: a.id, label: a.headline || 'Untitled' }))}
      onTyping={setTyped}
      looking={found.isFetching}
      errorMessage={problem}
      onPick={(choice) => {
        const article = articles.find((a) => a.id === choice.id);
        if (!article) return;
        if (props.picks.length >= MAX_PICKS) {
          setProblem(`The front page keeps at most ${MAX_PICKS} picks: remove one first.`);
          return;
        }
        setProblem(undefined);
        props.onAdd({
          articleId: article.id,
          headline: article.headline,
          status: article.status,
          publishedAt: article.publishedAt,
          scheduledAt: article.scheduledAt,
          showsNow: false,
        });
      }}
    />
  );
}
