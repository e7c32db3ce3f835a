import { useEffect, useState, useSyncExternalStore } from 'react';
import { useStaff } from '../shell/session';
import type { LiveDocument } from './live-session';
import { CONNECTING, colorOf, type LiveState } from './live-state';

/** The live document's code: Yjs, the Hocuspocus provider, y-indexeddb, Tiptap's Collaboration. */
export type LiveModule = typeof import('./live-session');

const loadLive = (): Promise<LiveModule> => import('./live-session');

/**
 * Opens the article's live document as the story screen opens. `live` is null until its code has
 * loaded; its state says whether the server synced it (`live`), whether it is still trying
 * (`connecting`) or whether the editor works over REST alone (`unavailable`).
 */
export function useLiveDocument(articleId: string): {
  live: LiveDocument | null;
  module: LiveModule | null;
  failed: boolean;
} {
  const staff = useStaff();
  const [opened, setOpened] = useState<{ live: LiveDocument; module: LiveModule } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let made: LiveDocument | undefined;
    let cancelled = false;
    loadLive()
      .then((module) => {
        if (cancelled) return;
        made = new module.LiveDocument(articleId, { name: staff.name, color: colorOf(staff.id) });
        setOpened({ live: made, module });
      })
      // Its code could not be fetched (offline, no service worker copy yet): the editor saves over REST.
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      made?.destroy();
      setOpened(null);
    };
  }, [articleId, staff.id, staff.name]);
  return { live: opened?.live ?? null, module: opened?.module ?? null, failed };
}

const noSubscription = () => () => {};

export function useLiveState(live: LiveDocument | null): LiveState {
  return useSyncExternalStore(live?.subscribe ?? noSubscription, live?.snapshot ?? (() => CONNECTING));
}
