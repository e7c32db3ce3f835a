import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiIfChanged } from '../api/client';
import type { CommentAnchor, CommentThread, CommentThreadList } from '../api/types';

/** How often an open story asks whether its comments changed (a 304 while nothing did). */
const POLL_MS = 4_000;

/** The list as the app keeps it: the answer and the ETag it came with. */
interface Kept extends CommentThreadList {
  etag: string | null;
}

const commentsKey = (articleId: string) => ['comments', articleId] as const;

/**
 * The article's comment threads (ADR 0034), asked for again every few seconds with the last ETag in
 * `If-None-Match` (an unchanged list costs a 304), and at once when `changed` moves (the live document's
 * `comments-changed` message).
 */
export function useComments(articleId: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: commentsKey(articleId),
    queryFn: async (): Promise<Kept> => {
      const kept = client.getQueryData<Kept>(commentsKey(articleId));
      const answer = await apiIfChanged<CommentThreadList>(
        `/articles/${articleId}/comments`,
        kept?.etag ?? null,
      );
      if (answer === null && kept) return kept;
      if (answer === null) throw new Error('The server said nothing changed before anything was read.');
      return { ...answer.data, etag: answer.etag };
    },
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
}

/** Asks for the list again now (after a change here, or the live document's `comments-changed`). */
export function useRefetchComments(articleId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: commentsKey(articleId) });
}

/** A change to the article's comments, as the Admin API takes it. */
export type CommentChange =
  | { kind: 'start'; text: string; anchor: CommentAnchor; mentions: string[] }
  | { kind: 'reply'; threadId: string; text: string; mentions: string[] }
  | { kind: 'resolve' | 'reopen'; threadId: string }
  | { kind: 'edit'; commentId: string; text: string; mentions: string[] }
  | { kind: 'delete'; commentId: string };

function sendChange(articleId: string, change: CommentChange): Promise<unknown> {
  const base = `/articles/${articleId}/comments`;
  switch (change.kind) {
    case 'start':
      return api<CommentThread>(base, {
        method: 'POST',
        body: { text: change.text, anchor: change.anchor, mentions: change.mentions },
      });
    case 'reply':
      return api<CommentThread>(`${base}/${change.threadId}/replies`, {
        method: 'POST',
        body: { text: change.text, mentions: change.mentions },
      });
    case 'resolve':
    case 'reopen':
      return api<CommentThread>(`${base}/${change.threadId}/${change.kind}`, { method: 'POST' });
    case 'edit':
      return api(`${base}/${change.commentId}`, {
        method: 'PATCH',
        body: { text: change.text, mentions: change.mentions },
      });
    case 'delete':
      return api(`${base}/${change.commentId}`, { method: 'DELETE' });
  }
}

/** Every change to comments; the list is asked for again once the server took one. */
export function useCommentChange(articleId: string) {
  const refetch = useRefetchComments(articleId);
  return useMutation({
    mutationFn: (change: CommentChange) => sendChange(articleId, change),
    onSuccess: () => refetch(),
  });
}
