import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Input, Label, SearchField } from 'react-aria-components';
import { api } from '../api/client';
import type { AuthorProfile } from '../api/types';
import { StructureTabs } from '../sections/StructureTabs';
import { Problem } from '../shell/Problem';
import { AuthorDialog } from './AuthorDialog';

/** Author profiles, staff and guest contributors: create, edit bio, photo and links, link to staff, delete. */
export function AuthorsPage() {
  const client = useQueryClient();
  const [typed, setTyped] = useState('');
  const q = typed.trim();
  const authors = useQuery({
    queryKey: ['authors', 'profiles', q],
    queryFn: () =>
      api<{ authors: AuthorProfile[] }>(`/authors?${new URLSearchParams({ q, limit: '500' })}`).then(
        (r) => r.authors,
      ),
    placeholderData: keepPreviousData,
  });
  // null: a new profile; undefined: no dialog open.
  const [editing, setEditing] = useState<AuthorProfile | null | undefined>(undefined);
  const [problem, setProblem] = useState<{ id: string; text: string } | null>(null);
  const remove = useMutation({
    mutationFn: (author: AuthorProfile) => api(`/authors/${author.id}`, { method: 'DELETE' }),
    onMutate: () => setProblem(null),
    onError: (error, author) => setProblem({ id: author.id, text: error.message }),
    onSettled: () => client.invalidateQueries({ queryKey: ['authors'] }),
  });
  const list = authors.data ?? [];
  return (
    <div className="structure">
      <div className="page-head">
        <h1>Authors</h1>
        <Button className="primary" onPress={() => setEditing(null)}>
          New author
        </Button>
      </div>
      <StructureTabs />
      <SearchField className="field" value={typed} onChange={setTyped}>
        <Label>Search authors</Label>
        <Input placeholder="name" />
      </SearchField>
      {authors.error && <Problem text={authors.error.message} />}
      {authors.isPending ? (
        <p className="empty">Loading…</p>
      ) : list.length === 0 ? (
        <p className="empty">No author matches.</p>
      ) : (
        <ul className="rows" aria-label="Authors">
          {list.map((author) => (
            <li key={author.id}>
              {author.photoUrl ? (
                <img className="author-photo" src={author.photoUrl} alt="" />
              ) : (
                <span className="author-photo" aria-hidden="true" />
              )}
              <span className="row-name">
                <strong>{author.name}</strong>{' '}
                <span className="detail">
                  {author.kind === 'guest' ? 'guest contributor' : 'staff'}
                  {author.affiliation ? ` · ${author.affiliation}` : ''} · /by/{author.slug}
                </span>
              </span>
              <span className="row-actions">
                <Button aria-label={`Edit ${author.name}`} onPress={() => setEditing(author)}>
                  Edit
                </Button>
                <Button aria-label={`Delete ${author.name}`} onPress={() => remove.mutate(author)}>
                  Delete
                </Button>
              </span>
              {problem?.id === author.id && <Problem text={problem.text} />}
            </li>
          ))}
        </ul>
      )}
      {editing !== undefined && <AuthorDialog author={editing} onClose={() => setEditing(undefined)} />}
    </div>
  );
}
