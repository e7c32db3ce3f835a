import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button, Heading } from 'react-aria-components';
import { api } from '../api/client';
import type { Article, Revision, RevisionSnapshot, RevisionSummary } from '../api/types';
import { useSections, useStaffAuthors } from '../desk/desk-queries';
import { BusyButton } from '../shell/BusyButton';
import { ChoiceField } from '../shell/ChoiceField';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { alignRows, blocksOf, blockText, shown } from './compare';

const FIELDS: [keyof RevisionSnapshot, string][] = [
  ['headline', 'Headline'],
  ['dek', 'Dek'],
  ['dateline', 'Dateline'],
  ['sectionId', 'Section'],
  ['authorIds', 'Byline'],
  ['bylineSuffix', 'Byline suffix'],
  ['tags', 'Tags'],
  ['access', 'Access'],
  ['seoHeadline', 'Search and social headline'],
  ['seoDescription', 'Search and social description'],
  ['leadImage', 'Lead photo'],
  ['slug', 'Address'],
  ['embargoUntil', 'Embargo'],
];

function useRevision(articleId: string, number: number | null) {
  return useQuery({
    queryKey: ['revision', articleId, number],
    queryFn: () => api<Revision>(`/articles/${articleId}/revisions/${number}`),
    enabled: number !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * The article's history: every revision, any two compared side by side (fields, then the body paragraph by
 * paragraph, changes marked), and an earlier one restored as a new revision (nothing in between is lost).
 */
export function HistoryPanel(props: {
  article: Article;
  onRestored(article: Article): void;
  onClose(): void;
}) {
  const { id } = props.article;
  const timeZone = usePaperTimeZone();
  const list = useQuery({
    queryKey: ['revisions', id, props.article.revision],
    queryFn: () => api<{ items: RevisionSummary[] }>(`/articles/${id}/revisions`).then((r) => r.items),
  });
  const items = list.data ?? [];
  const latest = items.reduce((max, r) => Math.max(max, r.number), 0);
  const [picked, setPicked] = useState<{ left: number | null; right: number | null }>({
    left: null,
    right: null,
  });
  const right = picked.right ?? (latest || null);
  const left = picked.left ?? (latest > 1 ? latest - 1 : null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Opened from a button or the palette at the top: the keyboard goes to the panel (and the page scrolls there).
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), []);

  async function restore(number: number) {
    setBusy(true);
    setProblem(null);
    try {
      const article = await api<Article>(`/articles/${id}/revisions/${number}/restore`, {
        method: 'POST',
        body: { revision: props.article.revision },
      });
      props.onRestored(article);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  const choices = items.map((r) => ({
    id: String(r.number),
    label: `${r.number} · ${r.action} by ${r.by}, ${formatPaperTime(r.createdAt, timeZone)}`,
  }));
  return (
    <section className="history" aria-labelledby="history-title" ref={panel} tabIndex={-1}>
      <Heading id="history-title" level={2}>
        History
      </Heading>
      {list.isPending && <p className="empty">Loading…</p>}
      {items.length > 0 && (
        <div className="field-row">
          <ChoiceField
            label="Compare revision"
            choices={choices}
            value={String(left ?? '')}
            onChange={(v) => setPicked({ left: Number(v), right })}
          />
          <ChoiceField
            label="With revision"
            choices={choices}
            value={String(right ?? '')}
            onChange={(v) => setPicked({ left, right: Number(v) })}
          />
        </div>
      )}
      {left !== null && right !== null && <Compare articleId={id} left={left} right={right} />}
      <Problem text={problem} />
      <div className="actions">
        {left !== null && left !== latest && (
          <BusyButton className="primary" busy={busy} onPress={() => void restore(left)}>
            Restore revision {left}
          </BusyButton>
        )}
        <Button onPress={props.onClose}>Close history</Button>
      </div>
    </section>
  );
}

function Compare(props: { articleId: string; left: number; right: number }) {
  const a = useRevision(props.articleId, props.left).data?.snapshot;
  const b = useRevision(props.articleId, props.right).data?.snapshot;
  const sections = useSections().data ?? [];
  const authors = useStaffAuthors().data ?? [];
  const timeZone = usePaperTimeZone();
  if (!a || !b) return <p className="empty">Loading the revisions…</p>;
  const words = (name: keyof RevisionSnapshot, snap: RevisionSnapshot) => {
    if (name === 'sectionId')
      return sections.find((s) => s.id === snap.sectionId)?.name ?? shown(snap.sectionId);
    if (name === 'authorIds')
      return shown(snap.authorIds.map((x) => authors.find((w) => w.id === x)?.name ?? x));
    if (name === 'embargoUntil')
      return snap.embargoUntil ? formatPaperTime(snap.embargoUntil, timeZone) : 'none';
    return shown(snap[name]);
  };
  const changed = FIELDS.filter(([name]) => words(name, a) !== words(name, b));
  const rows = alignRows(blocksOf(a.body), blocksOf(b.body), blockText).map((row, n) => ({ ...row, n }));
  return (
    <section className="compare" aria-label={`Revision ${props.left} and revision ${props.right} compared`}>
      <div className="compare-sides">
        <h3>Revision {props.left}</h3>
        <h3>Revision {props.right}</h3>
        {changed.length === 0 && <p className="missing">No field differs.</p>}
        {changed.map(([name, label]) => (
          <Pair key={name} label={label} left={words(name, a)} right={words(name, b)} />
        ))}
        <h3>Body</h3>
        <h3>Body</h3>
        {rows.map((row) => (
          <Pair
            key={row.n}
            left={row.left && blockText(row.left)}
            right={row.right && blockText(row.right)}
            same={row.same}
          />
        ))}
      </div>
    </section>
  );
}

/** One row: the left and right values, marked as changed, added or removed. */
export function Pair(props: { label?: string; left: string | null; right: string | null; same?: boolean }) {
  const mark = (side: string | null, other: string | null, gone: string) =>
    props.same ? '' : side === null ? 'missing' : other === null ? gone : 'changed';
  const prefix = props.label ? `${props.label}: ` : '';
  // The colour says how a row changed; the words say it to a screen reader.
  const said = (kind: string) => (kind ? <span className="visually-hidden">({kind}) </span> : null);
  return (
    <>
      <p className={mark(props.left, props.right, 'removed')}>
        {said(mark(props.left, props.right, 'removed'))}
        {props.left === null ? '(not there)' : `${prefix}${props.left}`}
      </p>
      <p className={mark(props.right, props.left, 'added')}>
        {said(mark(props.right, props.left, 'added'))}
        {props.right === null ? '(not there)' : `${prefix}${props.right}`}
      </p>
    </>
  );
}
