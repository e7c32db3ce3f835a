import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';

/**
 * The words of SQLite's search index that start with a prefix, read from the index's own pages.
 *
 * Why not fts5vocab: it finds the first word after a given one by looking up the index page where
 * that word would start and reading on, page by page, until a page where some word starts; after a
 * common word that is every page of its match list (about 2,500 pages per index segment for a word
 * in every article at a million articles: 30-40 ms for each step, measured). A prefix lands after
 * common words all the time ("harb" after "forest", "harbours" after "harbour").
 *
 * What this reads instead, following FTS5's file format (fts5_index.c; stable across versions,
 * since old databases must stay readable): each segment's leaf pages are rows of
 * `articles_search_data` keyed `(segment << 37) + page`, and `articles_search_idx` holds, for every
 * leaf page where a word starts (except a segment's first), a key no greater than that first word
 * and greater than every word before it. So a word with the prefix starts either on the last page
 * keyed at or before the prefix (or the segment's first page) or on a page keyed within the prefix's
 * range; those few pages are read and their words listed (a page lists where each of its words
 * starts in a footer). A word whose matches were all deleted may be listed too until FTS5 merges
 * it away: it matches nothing, so searching for it changes no result. Words still in the writer's
 * memory are not on any page: search runs in its own read, never inside a write.
 */

/** Segment ids are 16 bits, so every leaf page's id is below this; tombstone pages are filed above. */
const PAGES_END = 2 ** 53;
/** The main index's words are stored behind this byte; prefix indexes use '1', '2', ... */
const MAIN = 0x30;

/**
 * The words of the index in [start, end) (byte order of UTF-8, as FTS5 sorts), sorted; null when
 * there are more than `atMost`, or when a page is not as expected (then FTS5 is left to answer:
 * slow, but never wrong).
 */
export async function indexedWordsBetween(
  db: Db,
  start: string,
  end: string,
  atMost: number,
): Promise<string[] | null> {
  const lo = Buffer.concat([Buffer.from([MAIN]), Buffer.from(start, 'utf8')]);
  const hi = Buffer.concat([Buffer.from([MAIN]), Buffer.from(end, 'utf8')]);
  // One statement, so one snapshot: a merge committed meanwhile cannot move the pages. A keyed page
  // in the range starts with a word in it, a different one for each page of a segment: a segment
  // with more than `atMost` such pages settles it, and no more of them are read.
  const { rows } = await sql<{ block: Uint8Array; keyed: number }>`
    with recursive segment_start(id) as (
      select (select min(id) from articles_search_data where id >= ${2 ** 37} and id < ${PAGES_END})
      union all
      select (select min(id) from articles_search_data
        where id >= ((segment_start.id >> 37) + 1) << 37 and id < ${PAGES_END})
      from segment_start where segment_start.id is not null
    ),
    segments(segid, first) as (
      select id >> 37, id & 2147483647 from segment_start where id is not null
    ),
    pages(segid, page, keyed) as (
      select s.segid, max(s.first, coalesce((select i.pgno >> 1 from articles_search_idx i
        where i.segid = s.segid and i.term <= ${lo} order by i.term desc limit 1), 0)), 0
      from segments s
      union all
      select s.segid, k.page, k.keyed from segments s
      join (select i.segid, i.pgno >> 1 as page,
          row_number() over (partition by i.segid order by i.term) as keyed
        from articles_search_idx i
        where i.segid in (select segid from segments) and i.term > ${lo} and i.term < ${hi}) k
        on k.segid = s.segid and k.page >= s.first and k.keyed <= ${atMost + 1}
    )
    select d.block, p.keyed from pages p
    join articles_search_data d on d.id = (p.segid << 37) + p.page`.execute(db);
  if (rows.some((r) => r.keyed > atMost)) return null;
  const found = new Set<string>();
  for (const { block } of rows) {
    const words = pageWords(Buffer.from(block));
    if (!words) return null;
    for (const word of words) {
      if (Buffer.compare(word, lo) >= 0 && Buffer.compare(word, hi) < 0)
        found.add(word.subarray(1).toString('utf8'));
    }
    if (found.size > atMost) return null;
  }
  return [...found].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

/**
 * The words that start on a leaf page, each with its index byte in front. A leaf begins with two
 * 16-bit fields, the second the offset of its footer; the footer lists where each word starts (the
 * first as an offset, the rest as differences). The first word on a page is written whole (a
 * length, then the bytes); each later one as the bytes it keeps from the word before, then the
 * length and bytes of the rest.
 */
function pageWords(page: Buffer): Buffer[] | null {
  if (page.length < 4) return null;
  const footer = page.readUInt16BE(2);
  const words: Buffer[] = [];
  let at = footer;
  let offset = 0;
  let previous = Buffer.alloc(0);
  if (footer < 4 || footer > page.length) return null;
  while (at < page.length) {
    const step = varint(page, at);
    if (!step) return null;
    at = step.next;
    offset += step.value;
    let pos = offset;
    let keep = 0;
    if (words.length > 0) {
      const kept = varint(page, pos);
      if (!kept) return null;
      [keep, pos] = [kept.value, kept.next];
    }
    const length = varint(page, pos);
    if (!length || keep > previous.length || length.next + length.value > footer) return null;
    previous = Buffer.concat([
      previous.subarray(0, keep),
      page.subarray(length.next, length.next + length.value),
    ]);
    words.push(previous);
  }
  return words;
}

/** SQLite's variable-length integer: seven bits a byte, high bit set on all but the last. */
function varint(bytes: Buffer, at: number): { value: number; next: number } | null {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) return null;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return null;
}
