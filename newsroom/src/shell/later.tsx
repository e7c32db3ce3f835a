import { type ComponentType, lazy, Suspense, useEffect } from 'react';

/** A part of a screen whose code is fetched on first use, with `preload` to fetch it ahead. */
export type Later<P> = ComponentType<P> & { preload(): void };

/**
 * Dialogs, the merge view and other parts that are not on screen when the editor opens load on their own,
 * so the editor's first load stays under the 300 KB of compressed JavaScript. The service worker keeps
 * these files too, so they open offline as well.
 */
export function later<P extends object>(load: () => Promise<ComponentType<P>>): Later<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const get = () => {
    loading ??= load().then((component) => ({ default: component }));
    return loading;
  };
  const Lazy = lazy(get);
  // biome-ignore lint/correctness/noComponentHookFactories: called once per part, at module level
  const Part = (props: P) => (
    <Suspense fallback={null}>
      <Lazy {...props} />
    </Suspense>
  );
  return Object.assign(Part, { preload: () => void get() });
}

/** Fetches parts once the browser is idle, so they open at once when asked for. */
export function usePreloadWhenIdle(parts: { preload(): void }[]): void {
  useEffect(() => {
    const run = () => {
      for (const part of parts) part.preload();
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run, { timeout: 3000 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(run, 1000);
    return () => clearTimeout(timer);
  }, [parts]);
}
