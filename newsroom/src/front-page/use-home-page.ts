import { useEffect, useState } from 'react';
import type { ReaderPageState } from '../shell/ReaderFrame';

/**
 * The reader site's home page as an anonymous reader gets it (GET /, no cookies, not from the browser's
 * cache), asked for again whenever `version` changes: after each save, so the preview shows what the
 * next reader sees.
 */
export function useHomePage(version: number): ReaderPageState {
  const [state, setState] = useState<ReaderPageState>({
    html: null,
    problem: null,
    updating: true,
    renderedAt: null,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new version asks for the page again
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ ...s, updating: true }));
    fetch('/', { credentials: 'omit', cache: 'no-store', signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`the home page answered ${response.status}`);
        const html = await response.text();
        setState({ html, problem: null, updating: false, renderedAt: new Date() });
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        const problem =
          error instanceof TypeError
            ? 'the reader site cannot be reached.'
            : String((error as Error).message);
        setState((s) => ({ ...s, problem, updating: false }));
      });
    return () => abort.abort();
  }, [version]);
  return state;
}
