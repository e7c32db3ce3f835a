import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { publishArticles } from '../../../test/support/wall-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import { updateSetting } from '../settings/index.js';
import { METER_COOKIE, meterCookieFor } from './meter-cookie.js';

/** Counts every query Kysely builds, whichever part of the app builds it. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describeEachDialect('the wall and the database', (t) => {
  beforeEach(() => {
    // The TDM header rereads its settings once a second of real time, whatever the page: time stands
    // still here so that the counts show only what each request costs.
    vi.spyOn(performance, 'now').mockReturnValue(performance.now());
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function setup() {
    const counter = new QueryCounter();
    const db = t.database.db.withPlugin(counter);
    const clock = fixedClock(TEST_NOW);
    await updateSetting(db, clock, 'wall.free_articles_per_month', 2);
    const { app, deps } = await buildTestApp({ ...t.database, db }, { clock });
    const [metered, registration, free] = await publishArticles(db, clock, [
      'metered',
      'registration',
      'free',
    ]);
    const readers = {
      'no cookie': undefined,
      'under the limit': meterCookieFor(deps.keys, clock.now(), ['elsewhere']),
      'over the limit': meterCookieFor(deps.keys, clock.now(), ['elsewhere', 'and-elsewhere']),
      tampered: `${METER_COOKIE}=1.202611.0..AAAAAAAAAAAAAAAAAAAAAA`,
    };
    const get = (url: string, cookie: string | undefined) =>
      app.inject({ url, headers: cookie ? { cookie } : {} });
    /** Settings changed and applied to the page cache as after any commit. */
    const changeSetting = async (key: string, value: number) => {
      await db.transaction().execute((trx) => updateSetting(trx, clock, key, value));
      await deps.purges.sync();
    };
    return {
      counter,
      readers,
      get,
      changeSetting,
      articles: { metered: metered!, registration: registration!, free: free! },
    };
  }

  it('serves cached article pages, full or cut, to anonymous readers with no query at all', async () => {
    const { counter, readers, get, articles } = await setup();
    // Every version each reader needs is rendered once.
    for (const article of Object.values(articles)) {
      for (const cookie of Object.values(readers)) await get(article.path, cookie);
    }
    counter.count = 0;
    for (const [name, article] of Object.entries(articles)) {
      for (const [reader, cookie] of Object.entries(readers)) {
        const res = await get(article.path, cookie);
        expect([res.statusCode, res.headers['x-cache']], `${name}, ${reader}`).toEqual([200, 'hit']);
        const whole = res.body.includes(article.restText);
        const expected =
          name === 'free' || (name === 'metered' && reader !== 'over the limit' && reader !== 'tampered');
        expect(whole, `${name}, ${reader}`).toBe(expected);
      }
    }
    expect(counter.count).toBe(0);
  });

  it('adds no query to a cache miss beyond the render’s own', async () => {
    const { counter, readers, get, changeSetting, articles } = await setup();
    let n = 0;
    /** Queries of one render of the article page: a new query string is a new cache entry. */
    const missCost = async (path: string, cookie: string | undefined) => {
      counter.count = 0;
      const res = await get(`${path}?miss=${n++}`, cookie);
      expect(res.headers['x-cache']).toBe('miss');
      return counter.count;
    };
    await changeSetting('wall.free_articles_per_month', 0);
    await missCost(articles.metered.path, undefined);
    const wallOff = await missCost(articles.metered.path, readers['under the limit']);
    await changeSetting('wall.free_articles_per_month', 2);
    await missCost(articles.metered.path, undefined);
    expect(wallOff).toBeGreaterThan(0);
    for (const cookie of Object.values(readers)) {
      expect(await missCost(articles.metered.path, cookie)).toBe(wallOff);
    }
  });
});
