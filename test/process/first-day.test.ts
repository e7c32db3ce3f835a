import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/database/database.js';
import { dialects } from '../support/databases.js';
import {
  CLI,
  freePort,
  type ProcessDatabase,
  processDatabase,
  run,
  type Started,
  signInAsDemoOwner,
  startServer,
} from '../support/processes.js';

let server: Started | undefined;
let database: ProcessDatabase | undefined;
let folder: string | undefined;
afterEach(async () => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  server = undefined;
  await database?.cleanup();
  database = undefined;
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** An archive as a paper brings it: Markdown with front matter, filed in "World". */
function writeArchive(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-archive-'));
  fs.writeFileSync(
    path.join(dir, 'valley.md'),
    `---
headline: The Valley Votes on Its New Bridge
slug: valley-votes
section: World
authors: [Ines Ortega]
tags: [Bridges]
published_at: 2026-11-10T08:00:00Z
status: published
access: free
---
The town council met until midnight and voted seven to two for the bridge.
`,
  );
  fs.writeFileSync(
    path.join(dir, 'draft.md'),
    '---\nheadline: Notes for Next Week\nslug: notes\nsection: World\n---\nStill writing.\n',
  );
  return dir;
}

async function articleIds(db: ProcessDatabase, dialect: string): Promise<Record<string, string>> {
  const handle = await openDatabase(
    dialect === 'sqlite'
      ? { dialect: 'sqlite', file: path.join(db.dataDir, 'masthead.sqlite') }
      : { dialect: 'postgres', url: db.env.DATABASE_URL! },
  );
  try {
    const rows = await handle.db.selectFrom('articles').select(['id', 'slug']).execute();
    return Object.fromEntries(rows.map((r) => [r.slug, r.id]));
  } finally {
    await handle.close();
  }
}

/** The server follows other processes' purges within a second: the page once it has changed. */
async function eventually(url: string, done: (status: number, body: string) => boolean) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const res = await fetch(url);
    const page = { status: res.status, body: await res.text() };
    if (done(page.status, page.body) || Date.now() > deadline) return page;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(dialects())("a paper's first day [%s]", (dialect) => {
  it('migrate, import an archive with a World section, start: it serves the archive and says how to add an owner', async () => {
    database = await processDatabase(dialect);
    folder = writeArchive();
    expect((await run(CLI, ['migrate'], database.env)).code).toBe(0);
    const imported = await run(CLI, ['import', folder], database.env);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);

    const port = String(await freePort());
    server = await startServer({ ...database.env, PORT: port });
    const output = server.output();
    expect(output).not.toContain('demo edition was created');
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).toContain('There is no staff account yet');
    expect(output).toContain(
      'npx masthead staff create --email you@example.com --name "Your Name" --role owner',
    );
    expect(output).toContain(`Admin API:   http://localhost:${port}/api/admin/v1`);
    const page = await fetch(`http://127.0.0.1:${port}/2026/11/10/valley-votes`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('The Valley Votes on Its New Bridge');
    const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(home).not.toContain('Alliance Chief');

    // The first owner, then the normal start-up text.
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    const owner = await run(
      CLI,
      [
        'staff',
        'create',
        '--email',
        'ines@valley.example',
        '--name',
        'Ines',
        '--role',
        'owner',
        '--password',
        'a long passphrase',
      ],
      database.env,
    );
    expect(owner.code).toBe(0);
    server = await startServer({ ...database.env, PORT: port });
    expect(server.output()).not.toContain('There is no staff account yet');
    expect(server.output()).not.toContain('demo edition');
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('masthead articles delete refuses a live article, deletes a draft, and says why otherwise', async () => {
    database = await processDatabase(dialect);
    folder = writeArchive();
    expect((await run(CLI, ['import', folder], database.env)).code).toBe(0);
    const ids = await articleIds(database, dialect);

    const live = await run(CLI, ['articles', 'delete', ids['valley-votes']!], database.env);
    expect(live.code).toBe(1);
    expect(live.stderr).toContain('This article is published: unpublish it first');
    const stale = await run(CLI, ['articles', 'delete', ids.notes!, '--revision', '7'], database.env);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('it is now at revision 1');
    const unknown = await run(CLI, ['articles', 'delete', 'no-such-id'], database.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no such article.');
    for (const bad of [
      ['articles'],
      ['articles', 'delete'],
      ['articles', 'delete', ids.notes!, '--revision', 'x'],
    ]) {
      const usage = await run(CLI, bad, database.env);
      expect(usage.code, bad.join(' ')).toBe(2);
    }

    const deleted = await run(CLI, ['articles', 'delete', ids.notes!, '--revision', '1'], database.env);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout.trim()).toBe(`Deleted "Notes for Next Week" (${ids.notes}).`);
    expect(Object.keys(await articleIds(database, dialect))).toEqual(['valley-votes']);
  });

  it('starts with the demo on an empty folder; masthead demo remove leaves only the paper’s own content', async () => {
    database = await processDatabase(dialect);
    const port = String(await freePort());
    server = await startServer({ ...database.env, PORT: port });
    expect(server.output()).toContain('demo edition was created');
    expect(server.output()).toContain('npx masthead demo remove');
    const { api, headers } = await signInAsDemoOwner(server);

    // The paper's own article, filed in the demo's World section.
    const created = await fetch(`${api}/articles`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        headline: 'The Valley Votes on Its New Bridge',
        section: 'world',
        bodyMarkdown: 'The town council voted seven to two.',
      }),
    });
    expect(created.status).toBe(201);
    const own = (await created.json()) as { id: string; firstPublishedAt: string };
    const published = await fetch(`${api}/articles/${own.id}/publish`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ revision: 1 }),
    });
    expect(published.status).toBe(200);
    const day = ((await published.json()) as { firstPublishedAt: string }).firstPublishedAt.slice(0, 10);
    const base = `http://127.0.0.1:${port}`;
    const ownUrl = `${base}/${day.replaceAll('-', '/')}/the-valley-votes-on-its-new-bridge`;
    const demoHome = await (await fetch(`${base}/`)).text();
    const demoLink = demoHome.match(/href="(\/\d{4}\/\d{2}\/\d{2}\/alliance-chief-visits[^"]*)"/)?.[1];
    expect(demoLink).toBeDefined();
    expect((await fetch(`${base}${demoLink}`)).status).toBe(200);

    const removed = await run(CLI, ['demo', 'remove'], database.env);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('Removed the demo edition:');
    expect(removed.stdout).toContain('12 articles');
    expect(removed.stdout).toContain('section "World": 1 article or subsection of your own uses it');
    expect(removed.stdout).toContain(
      'The owner account, the legal documents (Terms, Privacy Policy) and the settings stay',
    );

    expect((await eventually(`${base}${demoLink}`, (status) => status === 410)).status).toBe(410);
    expect((await fetch(`${base}/section/business`)).status).toBe(404);
    const ownPage = await fetch(ownUrl);
    expect(ownPage.status).toBe(200);
    const home = (await eventually(`${base}/`, (_, body) => !body.includes('Alliance Chief'))).body;
    expect(home).toContain('The Valley Votes on Its New Bridge');
    expect(home).not.toContain('Alliance Chief');
    const world = await (await fetch(`${base}/section/world`)).text();
    expect(world).toContain('The Valley Votes on Its New Bridge');
    expect(world).not.toContain('Alliance Chief');

    const again = await run(CLI, ['demo', 'remove'], database.env);
    expect(again.stdout.trim()).toBe('There is no demo edition to remove.');
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});
