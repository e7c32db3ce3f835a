import { parseArgs } from 'node:util';
import { readSettings, SETTING_KEYS, SETTINGS, updateSetting } from '../capabilities/settings/index.js';
import { createStaff, STAFF_ROLES } from '../capabilities/staff/index.js';
import { systemClock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/database/database.js';
import { migrateToLatest } from '../platform/database/migrator.js';
import { AppError } from '../platform/http/errors.js';
import { connect, exitOnStartupError, readConfig, StartupError } from '../platform/runtime/startup.js';
import { runWorkerProcess } from '../processes/worker-process.js';
import { articlesCommand, parseArticlesArgs } from './articles-command.js';
import { DEMO_USAGE, demoRemoveCommand } from './demo-command.js';
import { runDoctor } from './doctor.js';
import { progressPrinter, runImport } from './import-command.js';
import { promptSecret } from './prompt.js';

const HELP = `masthead: the newsroom's command line

Usage: masthead <command> [options]

Commands:
  migrate                                  apply pending database migrations
  settings get [KEY]                       print one setting, or all of them
  settings set KEY VALUE                   change a setting (checked before it is stored)
  settings list                            every setting with what it means
  staff create --email E --name N --role R [--password P]
                                           add a staff member (asks for the password if not given)
                                           roles: ${STAFF_ROLES.join(', ')}
  import PATH...                           import Markdown files with front matter (a folder imports all);
                                           the same slug again updates instead of duplicating
  articles delete ID [--revision N]        delete an article that is not published or scheduled; its
                                           address then answers 410 Gone (recorded in the audit trail)
  demo remove                              remove the demo edition made at the first start (keeps the owner
                                           account, legal documents, settings and anything of your own)
  doctor                                   check configuration, data folder, disk and database
  serve                                    start the server as built, never building (npm run serve);
                                           refuses when the sources changed since "npm run build"
  worker                                   run the jobs (scheduled publishing, mail, photo variants,
                                           webhooks) apart from the web processes; start those with
                                           RUN_JOBS=false (see README.md, "Several processes")

Configuration comes from the same environment variables as the server (see README.md).
`;

/** A mistake in how the command was typed: exit code 2 and a pointer to --help. */
class UsageError extends Error {}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  switch (command) {
    case 'migrate':
      return withDatabase(false, async (database) => {
        const applied = await migrateToLatest(database.db);
        say(
          applied.length
            ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
            : 'The database is up to date.',
        );
        return 0;
      });
    case 'settings':
      return settingsCommand(rest);
    case 'worker':
      return runWorkerProcess();
    case 'staff':
      return staffCommand(rest);
    case 'doctor':
      return doctorCommand();
    case 'import':
      if (rest.length === 0)
        throw new UsageError('Usage: masthead import PATH... (files or folders of .md files)');
      return withDatabase(true, async (database) =>
        (await runImport(database, readConfig(), rest, {
          progress: progressPrinter(process.stderr),
          line: say,
        })) > 0
          ? 1
          : 0,
      );
    case 'articles': {
      const parsed = parseArticlesArgs(rest);
      if (!parsed.ok) throw new UsageError(parsed.message);
      return withDatabase(true, async (database) => {
        for (const line of await articlesCommand(database, parsed)) say(line);
        return 0;
      });
    }
    case 'demo':
      if (rest.length !== 1 || rest[0] !== 'remove') throw new UsageError(DEMO_USAGE);
      return withDatabase(true, async (database) => {
        for (const line of await demoRemoveCommand(database, readConfig())) say(line);
        return 0;
      });
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

async function settingsCommand(args: string[]): Promise<number> {
  const [action, key, value, ...extra] = args;
  if (action === 'list') {
    for (const k of SETTING_KEYS) say(`${k}\n    ${SETTINGS[k].help}`);
    return 0;
  }
  if (action === 'get') {
    return withDatabase(true, async (database) => {
      const settings = await readSettings(database.db);
      if (key === undefined) {
        for (const k of SETTING_KEYS) say(`${k} = ${JSON.stringify(settings[k])}`);
        return 0;
      }
      if (!(SETTING_KEYS as string[]).includes(key)) {
        throw new AppError(
          'SETTING_UNKNOWN',
          400,
          `"${key}" is not a setting. Run "masthead settings list".`,
        );
      }
      say(String(settings[key as keyof typeof settings]));
      return 0;
    });
  }
  if (action === 'set') {
    if (key === undefined || value === undefined || extra.length > 0) {
      throw new UsageError('Usage: masthead settings set KEY VALUE (quote a VALUE that has spaces).');
    }
    return withDatabase(true, async (database) => {
      const stored = await updateSetting(database.db, systemClock, key, value, 'cli');
      say(`${key} = ${JSON.stringify(stored)}`);
      return 0;
    });
  }
  throw new UsageError('Usage: masthead settings get [KEY] | settings set KEY VALUE | settings list');
}

async function staffCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'create')
    throw new UsageError('Usage: masthead staff create --email E --name N --role R [--password P]');
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const missing = ['email', 'name', 'role'].filter((k) => !values[k]);
  if (missing.length) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}.`);
  const password = values.password ?? (await promptSecret('Password (at least 10 characters): '));
  if (password === null) throw new UsageError('No terminal to ask for a password on: pass --password.');
  return withDatabase(true, async (database) => {
    const member = await createStaff(database.db, systemClock, {
      email: values.email!,
      name: values.name!,
      role: values.role!,
      password,
    });
    say(`Created ${member.role} ${member.name} <${member.email}>.`);
    return 0;
  });
}

async function doctorCommand(): Promise<number> {
  const findings = await runDoctor(process.env);
  for (const f of findings) say(`${f.ok ? 'ok  ' : 'FAIL'}  ${f.what}: ${f.detail}`);
  const failed = findings.filter((f) => !f.ok).length;
  say(failed ? `\n${failed} problem(s) found.` : '\nEverything Masthead needs is in place.');
  return failed ? 1 : 0;
}

async function withDatabase(
  migrate: boolean,
  work: (database: DatabaseHandle) => Promise<number>,
): Promise<number> {
  const database = await connect(readConfig(), { migrate });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nRun "masthead --help" for the commands.\n`);
      process.exit(2);
    }
    if (error instanceof AppError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    if (error instanceof StartupError) exitOnStartupError(error);
    exitOnStartupError(error);
  },
);
