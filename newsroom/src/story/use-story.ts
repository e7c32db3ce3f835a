import { useEffect, useState, useSyncExternalStore } from 'react';
import { api, OfflineError } from '../api/client';
import type { Article } from '../api/types';
import { readLocalWork } from './local-work';
import { changedFields, fieldsOf } from './story-fields';
import { type SaverState, StorySaver } from './story-saver';

/**
 * Opens an article for editing: the server's version, or the work kept on this device when there is some.
 * Kept work on the same revision resumes (and is sent); on an older revision the merge view opens; without a
 * network the kept work opens on its own and is sent when the network returns.
 */
export function useStory(id: string): { saver: StorySaver | null; problem: string | null } {
  const [saver, setSaver] = useState<StorySaver | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let made: StorySaver | undefined;
    (async () => {
      const local = await readLocalWork(id);
      let server: Article | null = null;
      try {
        server = await api<Article>(`/articles/${id}`);
      } catch (error) {
        if (!(error instanceof OfflineError && local)) throw error;
      }
      if (cancelled) return;
      const unsaved = local && changedFields(fieldsOf(local.base), local.fields).length > 0;
      if (!server && local) {
        made = new StorySaver(
          id,
          local.base,
          { ...fieldsOf(local.base), ...local.fields },
          'offline',
          local.sent,
        );
      } else if (server && local && unsaved) {
        if (local.base.revision === server.revision) {
          made = new StorySaver(id, server, { ...fieldsOf(server), ...local.fields }, 'pending');
          void made.saveNow();
        } else {
          // Start from the kept base, so a rebase knows what both sides started from.
          made = new StorySaver(id, local.base, { ...fieldsOf(local.base), ...local.fields }, 'pending');
          made.startConflict(server, local.base, local.sent);
        }
      } else if (server) {
        made = new StorySaver(id, server, fieldsOf(server));
      }
      setSaver(made ?? null);
    })().catch((error: unknown) => {
      if (!cancelled) setProblem(error instanceof Error ? error.message : String(error));
    });
    return () => {
      cancelled = true;
      made?.dispose();
    };
  }, [id]);

  return { saver, problem };
}

export function useSaverState(saver: StorySaver): SaverState {
  return useSyncExternalStore(saver.subscribe, saver.snapshot);
}
