/**
 * The front page's top stories, chosen and ordered by editors: what a valid list of picks is, and
 * which articles the page shows. Pure domain: no database, no HTTP.
 */

/** The one curated list so far. */
export const TOP_STORIES_LIST = 'top-stories';
/** How many top stories the front page shows. */
export const TOP_STORIES = 5;
/**
 * How many picks a list may hold. Picks past the first five live ones wait their turn: when a pick
 * above is unpublished, the next moves up without an editor at the desk.
 */
export const MAX_PICKS = 12;

export type PicksCheck = { ok: true } | { ok: false; index: number | null; message: string };

/** The shape of a list of picks: how many, and no article twice. */
export function checkPicks(articleIds: readonly string[]): PicksCheck {
  if (articleIds.length > MAX_PICKS) {
    return {
      ok: false,
      index: null,
      message: `The front page takes at most ${MAX_PICKS} picks; this list has ${articleIds.length}.`,
    };
  }
  const seen = new Map<string, number>();
  for (const [index, id] of articleIds.entries()) {
    const first = seen.get(id);
    if (first !== undefined) {
      return {
        ok: false,
        index,
        message: `Article "${id}" is picked twice, at ${first + 1} and ${index + 1}; each article takes one place.`,
      };
    }
    seen.set(id, index);
  }
  return { ok: true };
}

/** Every pick names an article that exists (drafts and scheduled ones too: they show once published). */
export function checkPicksExist(articleIds: readonly string[], existing: ReadonlySet<string>): PicksCheck {
  const index = articleIds.findIndex((id) => !existing.has(id));
  if (index < 0) return { ok: true };
  return { ok: false, index, message: `There is no article "${articleIds[index]}" to pick.` };
}

/**
 * The top stories: the picks readers can see, in the editors' order, then the newest other
 * published articles until there are `limit`, so a new paper or a lapsed list still has a front
 * page. `newest` must hold at least the newest `limit` published articles: however many of them
 * are picks, enough others remain.
 */
export function chooseTopStories<T extends { id: string }>(
  livePicks: readonly T[],
  newest: readonly T[],
  limit = TOP_STORIES,
): T[] {
  const picks = livePicks.slice(0, limit);
  const picked = new Set(picks.map((a) => a.id));
  return [...picks, ...newest.filter((a) => !picked.has(a.id))].slice(0, limit);
}

/** For each pick in order, whether the front page shows it now: live, and among the first live ones. */
export function picksShown(picks: readonly { live: boolean }[], limit = TOP_STORIES): boolean[] {
  let shown = 0;
  return picks.map((pick) => {
    if (!pick.live || shown >= limit) return false;
    shown++;
    return true;
  });
}
