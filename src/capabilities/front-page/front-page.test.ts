import { describe, expect, it } from 'vitest';
import { checkPicks, checkPicksExist, chooseTopStories, MAX_PICKS, picksShown } from './front-page.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `a${i + 1}`);

describe('front page picks', () => {
  it('takes up to twelve distinct articles, an empty list included', () => {
    expect(checkPicks([])).toEqual({ ok: true });
    expect(checkPicks(ids(MAX_PICKS))).toEqual({ ok: true });
    expect(checkPicks(ids(MAX_PICKS + 1))).toMatchObject({ ok: false, index: null });
  });

  it('names the place where an article is picked a second time', () => {
    const check = checkPicks(['a1', 'a2', 'a3', 'a2']);
    expect(check).toMatchObject({ ok: false, index: 3 });
    expect(check.ok || check.message).toContain('at 2 and 4');
  });

  it('names the first pick that is not an article', () => {
    expect(checkPicksExist(['a1', 'a2'], new Set(['a1', 'a2', 'a9']))).toEqual({ ok: true });
    expect(checkPicksExist(['a1', 'zz', 'yy'], new Set(['a1']))).toMatchObject({ ok: false, index: 1 });
  });

  it('puts the live picks first in their order, then fills up with the newest others', () => {
    const a = (id: string) => ({ id });
    const newest = ['n1', 'p2', 'n2', 'n3', 'n4'].map(a);
    expect(chooseTopStories(['p1', 'p2'].map(a), newest, 5).map((x) => x.id)).toEqual([
      'p1',
      'p2',
      'n1',
      'n2',
      'n3',
    ]);
    expect(chooseTopStories([], newest, 3).map((x) => x.id)).toEqual(['n1', 'p2', 'n2']);
    expect(chooseTopStories(ids(7).map(a), newest, 5).map((x) => x.id)).toEqual(ids(5));
    // A paper with fewer articles than places shows what it has.
    expect(chooseTopStories([a('p1')], [a('p1'), a('n1')], 5).map((x) => x.id)).toEqual(['p1', 'n1']);
  });

  it('shows the first live picks up to the limit; the others wait', () => {
    const live = (l: boolean) => ({ live: l });
    expect(picksShown([false, true, true, false, true, true].map(live), 3)).toEqual([
      false,
      true,
      true,
      false,
      true,
      false,
    ]);
    expect(picksShown([live(false)])).toEqual([false]);
  });
});
