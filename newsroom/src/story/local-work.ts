import { createStore, del, get, set } from 'idb-keyval';
import type { Article } from '../api/types';
import type { StoryFields } from './story-fields';

/**
 * Work not yet acknowledged by the server, kept in IndexedDB per article: it survives a reload, a crashed
 * tab and a lost network, and is sent when the app next can. `base` is the server's version the work was
 * made on, so the app can tell a plain resume (same revision) from a conflict (someone saved since).
 */
export interface LocalWork {
  base: Article;
  fields: StoryFields;
  keptAt: string;
  /** The fields of a save sent on `base` whose answer has not come back: it may have landed. */
  sent?: Partial<StoryFields>;
}

const store = createStore('newsroom', 'unsaved-work');

export function readLocalWork(articleId: string): Promise<LocalWork | undefined> {
  return get<LocalWork>(articleId, store);
}

export function keepLocalWork(articleId: string, work: LocalWork): Promise<void> {
  return set(articleId, work, store);
}

export function forgetLocalWork(articleId: string): Promise<void> {
  return del(articleId, store);
}
