import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { queuePurge } from '../../platform/http/purge-log.js';
import type { Storage } from '../../platform/storage/index.js';
import { findArticle, removeArticle } from '../articles/index.js';
import { recordAuditEvent } from '../audit/index.js';
import { deleteAuthor, findAuthorById } from '../authors/index.js';
import { mediaUsage, removeMediaRecords } from '../media/index.js';
import { deleteSection, findSectionById } from '../sections/index.js';
import { formatNavigation, navigationLinks, readSettings, updateSetting } from '../settings/index.js';
import { sectionPath } from '../site/index.js';
import { type Actor, assertRole } from '../staff/index.js';
import { deleteTag, findTagById } from '../tags/index.js';
import { countUses, deleteDemoItems, listDemoItems } from './demo-repository.js';
import type { DemoItemKind } from './demo-table.js';

/** What `removeDemoEdition` removed, and what it kept because the paper's own content uses it. */
export interface DemoRemoval {
  articles: string[];
  photos: number;
  sections: string[];
  tags: string[];
  authors: string[];
  /** One line each: what stayed and why. */
  kept: string[];
}

/**
 * Removes the demo edition (admins and owners): every demo article, then every demo photo, tag,
 * author and section that nothing of the paper's own uses. Demo articles are published; they are
 * removed directly (the "unpublish first" rule is for staff deleting their own articles), with
 * their tombstones, purges and webhook events. The owner account, the legal documents and the
 * settings stay: the paper has changed them or will. One transaction, recorded in the audit trail;
 * the photos' files go once it has committed. Returns null when there is no demo to remove.
 */
export async function removeDemoEdition(
  ctx: { db: Db; clock: Clock; storage: Storage },
  actor: Actor,
): Promise<DemoRemoval | null> {
  assertRole(actor, 'admin', 'remove the demo edition');
  const { removal, files } = await inTransaction(ctx.db, (trx) => removeDemoRows(trx, ctx.clock, actor));
  await Promise.allSettled(files.map((key) => ctx.storage.delete(key)));
  return removal;
}

async function removeDemoRows(
  trx: Db,
  clock: Clock,
  actor: Actor,
): Promise<{ removal: DemoRemoval | null; files: string[] }> {
  const items = await listDemoItems(trx);
  if (items.length === 0) return { removal: null, files: [] };
  const ids = (kind: DemoItemKind) => items.filter((i) => i.kind === kind).map((i) => i.id);
  const removal: DemoRemoval = { articles: [], photos: 0, sections: [], tags: [], authors: [], kept: [] };
  const files: string[] = [];
  const purges = new Set<string>();

  // Articles first: what they held is then free unless the paper's own articles use it.
  for (const id of ids('article')) {
    const article = await findArticle(trx, id);
    if (!article) continue;
    await removeArticle(trx, clock, article);
    removal.articles.push(article.headline);
  }
  for (const id of ids('photo')) {
    const uses = await mediaUsage(trx, id);
    if (uses.length > 0) {
      removal.kept.push(`a demo photo: used by ${uses.map((u) => `"${u.headline}"`).join(', ')}`);
      continue;
    }
    const stored = await removeMediaRecords(trx, clock, id);
    if (!stored) continue;
    files.push(...stored);
    purges.add(CacheKey.media(id));
    removal.photos++;
  }
  // Tags and authors before sections: a section is kept while an article of the paper's own is filed in it.
  const others = [
    { kind: 'tag', find: findTagById, remove: deleteTag, key: CacheKey.tag, names: removal.tags },
    {
      kind: 'author',
      find: findAuthorById,
      remove: deleteAuthor,
      key: CacheKey.author,
      names: removal.authors,
    },
    {
      kind: 'section',
      find: findSectionById,
      remove: deleteSection,
      key: CacheKey.section,
      names: removal.sections,
    },
  ] as const;
  const removedSections: string[] = [];
  for (const other of others) {
    for (const id of ids(other.kind)) {
      const found = await other.find(trx, id);
      if (!found || (await kept(trx, removal, other.kind, id, `${other.kind} "${found.name}"`))) continue;
      await other.remove(trx, actor, id);
      purges.add(other.key(id));
      other.names.push(found.name);
      if (other.kind === 'section' && 'path' in found) removedSections.push(sectionPath(String(found.path)));
    }
  }
  await dropNavigationLinks(trx, clock, new Set(removedSections));
  await queuePurge(trx, clock, purges);
  // What stayed is the paper's own from now on: a second removal finds nothing.
  await deleteDemoItems(trx);
  await recordAuditEvent(trx, clock, actor, {
    action: 'demo.removed',
    subject: { kind: 'demo', id: 'demo' },
    summary: `Removed the demo edition: ${removal.articles.length} articles`,
    details: { ...removal },
  });
  return { removal, files };
}

/**
 * The navigation's links to the sections just removed would lead readers to a 404: they go, and
 * every other link (the paper's own) stays in its place. A change purges every page (settings).
 */
async function dropNavigationLinks(trx: Db, clock: Clock, removed: ReadonlySet<string>): Promise<void> {
  if (removed.size === 0) return;
  const settings = await readSettings(trx);
  for (const key of ['navigation.primary', 'navigation.footer'] as const) {
    const links = navigationLinks(settings[key]);
    const left = links.filter((link) => !removed.has(link.href));
    if (left.length !== links.length) await updateSetting(trx, clock, key, formatNavigation(left), 'demo');
  }
}

/** Whether the paper's own content uses a demo thing; if so, notes it as kept. */
async function kept(
  trx: Db,
  removal: DemoRemoval,
  kind: 'section' | 'tag' | 'author',
  id: string,
  label: string,
): Promise<boolean> {
  const uses = await countUses(trx, kind, id);
  if (uses === 0) return false;
  const what = kind === 'section' ? 'article or subsection' : 'article';
  removal.kept.push(
    `${label}: ${uses} ${what}${uses === 1 ? '' : 's'} of your own use${uses === 1 ? 's' : ''} it`,
  );
  return true;
}
