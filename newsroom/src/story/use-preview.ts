import { useEffect, useRef, useState } from 'react';
import { ApiError, api, OfflineError } from '../api/client';
import type { ReaderPageState } from '../shell/ReaderFrame';
import type { StoryFields } from './story-fields';

/** The pause after the last change before the preview is asked for again (the issue: within a second). */
export const PREVIEW_DEBOUNCE_MS = 300;

/**
 * The reader page for the fields on screen, saved or not (POST /articles/:id/preview). Asked for
 * PREVIEW_DEBOUNCE_MS after the last change; one request at a time; an answer for fields that have
 * changed meanwhile is dropped and the newest fields are sent at once, so what shows is never older
 * than what was last shown and never lags behind a finished edit.
 */
export function usePreview(articleId: string, fields: StoryFields): ReaderPageState {
  const [state, setState] = useState<ReaderPageState>({
    html: null,
    problem: null,
    updating: true,
    renderedAt: null,
  });
  const latest = useRef(fields);
  latest.current = fields;
  const inFlight = useRef(false);
  const alive = useRef(true);

  const send = useRef<() => Promise<void>>(async () => {});
  send.current = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    const sent = latest.current;
    setState((s) => ({ ...s, updating: true }));
    let answer: Partial<ReaderPageState> = {};
    try {
      const html = await api<string>(`/articles/${articleId}/preview`, {
        method: 'POST',
        body: sent,
        as: 'text',
      });
      answer = { html, problem: null, renderedAt: new Date() };
    } catch (error) {
      if (error instanceof OfflineError)
        answer = { problem: 'Offline: this is the last page the server rendered.' };
      else if (error instanceof ApiError) answer = { problem: error.message };
      else throw error;
    } finally {
      inFlight.current = false;
    }
    if (!alive.current) return;
    if (latest.current !== sent) {
      // Stale: the fields changed while this was rendered. Ask again for the newest ones.
      void send.current();
      return;
    }
    setState((s) => ({ ...s, ...answer, updating: false }));
  };

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: every change of the fields restarts the pause
  useEffect(() => {
    setState((s) => (s.updating ? s : { ...s, updating: true }));
    const timer = setTimeout(() => void send.current(), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [fields]);

  return state;
}
