import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button, Input, Label, SearchField } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import type { CountedTag } from '../api/types';
import { StructureTabs } from '../sections/StructureTabs';
import { BusyButton } from '../shell/BusyButton';
import { ChoiceField } from '../shell/ChoiceField';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';
import { roleAtLeast } from '../shell/roles';
import { useStaff } from '../shell/session';
import { TagDeleteDialog } from './TagDeleteDialog';
import { TagRenameDialog } from './TagRenameDialog';

/**
 * Tags with how many articles carry each: search, and for editors and above (the API's rights) rename, merge
 * one into another, delete one no article carries.
 */
export function TagsPage() {
  const mayChange = roleAtLeast(useStaff().role, 'editor');
  const [typed, setTyped] = useState('');
  const q = typed.trim();
  const tags = useQuery({
    queryKey: ['tags', 'counted', q],
    queryFn: () =>
      api<{ tags: CountedTag[] }>(`/tags?${new URLSearchParams({ q, limit: '200' })}`).then((r) => r.tags),
    placeholderData: keepPreviousData,
  });
  const [renaming, setRenaming] = useState<CountedTag | null>(null);
  const [merging, setMerging] = useState<CountedTag | null>(null);
  const [deleting, setDeleting] = useState<CountedTag | null>(null);
  const list = tags.data ?? [];
  // A deleted tag's row takes its Delete button with it, so the dialog cannot hand focus back there: it goes
  // to the next tag's Delete (the previous one's for the last), or to the search field when none is left.
  const search = useRef<HTMLInputElement>(null);
  const [focusAfter, setFocusAfter] = useState<{ id: string | null } | null>(null);
  useEffect(() => {
    if (!focusAfter) return;
    const button = focusAfter.id && document.getElementById(deleteButtonId(focusAfter.id));
    (button || search.current)?.focus();
    setFocusAfter(null);
  }, [focusAfter]);
  const deleted = (tag: CountedTag) => {
    const at = list.findIndex((t) => t.id === tag.id);
    setFocusAfter({ id: (list[at + 1] ?? list[at - 1])?.id ?? null });
    setDeleting(null);
  };
  return (
    <div className="structure">
      <div className="page-head">
        <h1>Tags</h1>
      </div>
      <StructureTabs />
      <SearchField className="field" value={typed} onChange={setTyped}>
        <Label>Search tags</Label>
        <Input ref={search} placeholder="the start of a name" />
      </SearchField>
      {tags.error && <Problem text={tags.error.message} />}
      {tags.isPending ? (
        <p className="empty">Loading…</p>
      ) : list.length === 0 ? (
        <p className="empty">No tag matches.</p>
      ) : (
        <ul className="rows" aria-label="Tags">
          {list.map((tag) => (
            <li key={tag.id}>
              <span className="row-name">
                <strong>{tag.name}</strong> <span className="detail">/tag/{tag.slug}</span>
              </span>
              <span className="detail">
                {tag.articleCount} article{tag.articleCount === 1 ? '' : 's'}
              </span>
              {mayChange && (
                <span className="row-actions">
                  <Button aria-label={`Rename ${tag.name}`} onPress={() => setRenaming(tag)}>
                    Rename
                  </Button>
                  <Button aria-label={`Merge ${tag.name}`} onPress={() => setMerging(tag)}>
                    Merge…
                  </Button>
                  <Button
                    id={deleteButtonId(tag.id)}
                    aria-label={`Delete ${tag.name}`}
                    onPress={() => setDeleting(tag)}
                  >
                    Delete…
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {renaming && <TagRenameDialog tag={renaming} onClose={() => setRenaming(null)} />}
      {merging && <MergeDialog tag={merging} onClose={() => setMerging(null)} />}
      {deleting && (
        <TagDeleteDialog
          tag={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => deleted(deleting)}
        />
      )}
    </div>
  );
}

const deleteButtonId = (tagId: string) => `delete-tag-${tagId}`;

/** Merges a tag into another: its articles and its old address (301) go to the surviving tag. */
function MergeDialog(props: { tag: CountedTag; onClose(): void }) {
  const { tag } = props;
  const client = useQueryClient();
  const [typed, setTyped] = useState('');
  const [into, setInto] = useState('');
  const [problem, setProblem] = useState<Error | null>(null);
  const candidates = useQuery({
    queryKey: ['tags', 'counted', typed.trim()],
    queryFn: () =>
      api<{ tags: CountedTag[] }>(`/tags?${new URLSearchParams({ q: typed.trim(), limit: '50' })}`).then(
        (r) => r.tags,
      ),
    placeholderData: keepPreviousData,
  });
  const choices = (candidates.data ?? [])
    .filter((t) => t.id !== tag.id)
    .map((t) => ({ id: t.id, label: `${t.name} (${t.articleCount})` }));
  const merge = useMutation({
    mutationFn: () => api(`/tags/${tag.id}/merge`, { method: 'POST', body: { into } }),
    onSuccess: props.onClose,
    onError: setProblem,
    onSettled: () => client.invalidateQueries({ queryKey: ['tags'] }),
  });
  return (
    <FormDialog title={`Merge ${tag.name}`} onClose={props.onClose} onSubmit={() => into && merge.mutate()}>
      <p>
        Every article tagged “{tag.name}” gets the tag you choose instead; “{tag.name}” goes, and its address
        /tag/{tag.slug} leads to the surviving tag’s page.
      </p>
      <SearchField className="field" value={typed} onChange={setTyped} autoFocus>
        <Label>Find the surviving tag</Label>
        <Input />
      </SearchField>
      <ChoiceField
        label="Merge into"
        choices={choices}
        value={into}
        onChange={setInto}
        errorMessage={problem instanceof ApiError && problem.field === 'into' ? problem.message : null}
      />
      {problem && !(problem instanceof ApiError && problem.field === 'into') && (
        <Problem text={problem.message} />
      )}
      <div className="actions">
        <Button onPress={props.onClose}>Cancel</Button>
        <BusyButton type="submit" className="primary" isDisabled={!into} busy={merge.isPending}>
          Merge tags
        </BusyButton>
      </div>
    </FormDialog>
  );
}
