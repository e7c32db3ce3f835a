import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.js';
import { CLI, type ProcessDatabase, processDatabase, run } from '../support/processes.js';

let database: ProcessDatabase | undefined;
afterEach(async () => {
  await database?.cleanup();
  database = undefined;
});

describe('masthead --help', () => {
  it('lists the commands', async () => {
    const ran = await run(CLI, ['--help'], {});
    expect(ran.code).toBe(0);
    for (const command of [
      'migrate',
      'settings get',
      'settings set',
      'staff create',
      'articles delete',
      'demo remove',
      'doctor',
    ]) {
      expect(ran.stdout).toContain(command);
    }
  });

  it('refuses an unknown command with exit code 2', async () => {
    const ran = await run(CLI, ['publish-everything'], {});
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('Unknown command "publish-everything"');
  });
});

describe.each(dialects())('masthead commands [%s]', (dialect) => {
  it('migrate applies the migrations once', async () => {
    database = await processDatabase(dialect);
    const first = await run(CLI, ['migrate'], database.env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\): 0001-foundation, 0002-staff-access, /);
    const second = await run(CLI, ['migrate'], database.env);
    expect(second.stdout.trim()).toBe('The database is up to date.');
  });

  it('settings set checks the value, settings get reads it back', async () => {
    database = await processDatabase(dialect);
    expect(
      (await run(CLI, ['settings', 'set', 'publication.name', 'The Morning Ledger'], database.env)).code,
    ).toBe(0);
    expect(
      (await run(CLI, ['settings', 'set', 'wall.free_articles_per_month', '3'], database.env)).code,
    ).toBe(0);
    const got = await run(CLI, ['settings', 'get', 'publication.name'], database.env);
    expect(got.stdout.trim()).toBe('The Morning Ledger');
    const all = await run(CLI, ['settings', 'get'], database.env);
    expect(all.stdout).toContain('wall.free_articles_per_month = 3');

    const bad = await run(CLI, ['settings', 'set', 'wall.free_articles_per_month', 'lots'], database.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('wall.free_articles_per_month must be a whole number from 0 to 1000');
    const unknown = await run(CLI, ['settings', 'set', 'publication.colour', 'red'], database.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('"publication.colour" is not a setting');
    // Issue 12, F7: one line only, or every mail with the name in its header would fail.
    const broken = await run(CLI, ['settings', 'set', 'publication.name', 'The\r\nLedger'], database.env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('publication.name must be one line of text: it holds a line break');
    const missing = await run(CLI, ['settings', 'set', 'publication.name'], database.env);
    expect(missing.code).toBe(2);
    expect(
      (await run(CLI, ['settings', 'get', 'wall.free_articles_per_month'], database.env)).stdout.trim(),
    ).toBe('3');
  });

  it('staff create takes the password from --password or from standard input prompts, and refuses bad details', async () => {
    database = await processDatabase(dialect);
    const created = await run(
      CLI,
      [
        'staff',
        'create',
        '--email',
        'Editor@Example.com',
        '--name',
        'Ada Editor',
        '--role',
        'editor',
        '--password',
        'a long passphrase',
      ],
      database.env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout.trim()).toBe('Created editor Ada Editor <editor@example.com>.');

    const again = await run(
      CLI,
      [
        'staff',
        'create',
        '--email',
        'editor@example.com',
        '--name',
        'Ada',
        '--role',
        'editor',
        '--password',
        'another long one',
      ],
      database.env,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('A staff account for editor@example.com already exists.');

    const badRole = await run(
      CLI,
      [
        'staff',
        'create',
        '--email',
        'x@example.com',
        '--name',
        'X',
        '--role',
        'chief',
        '--password',
        'a long passphrase',
      ],
      database.env,
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('"chief" is not a role');

    const short = await run(
      CLI,
      [
        'staff',
        'create',
        '--email',
        'y@example.com',
        '--name',
        'Y',
        '--role',
        'reporter',
        '--password',
        'short',
      ],
      database.env,
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 10 characters');

    // No terminal and no --password: it cannot ask, so it says what to do.
    const noTty = await run(
      CLI,
      ['staff', 'create', '--email', 'z@example.com', '--name', 'Z', '--role', 'reporter'],
      database.env,
    );
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('pass --password');
  });

  it('doctor says what is wrong in plain words', async () => {
    database = await processDatabase(dialect);
    const before = await run(CLI, ['doctor'], database.env);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/FAIL {2}migrations: \d+ pending: run "npx masthead migrate"/);
    await run(CLI, ['migrate'], database.env);
    const after = await run(CLI, ['doctor'], database.env);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(`ok    database: ${dialect}`);
    expect(after.stdout).toContain('Everything Masthead needs is in place.');
  });
});

describe('masthead doctor with a bad setup', () => {
  it('names bad variables and an unreachable SMTP server', async () => {
    const bad = await run(CLI, ['doctor'], { PORT: '0' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAIL  configuration: PORT "0" is not a port number');
    database = await processDatabase('sqlite');
    const smtp = await run(CLI, ['doctor'], { ...database.env, SMTP_URL: 'smtp://127.0.0.1:1' });
    expect(smtp.stdout).toMatch(/FAIL {2}smtp: 127\.0\.0\.1:1 refused the connection/);
  });
});
