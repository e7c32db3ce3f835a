import { type Config, loadConfig } from '../../config.js';
import { type DatabaseHandle, DatabaseUnreachableError, openDatabase } from '../database/database.js';
import { MigrationError, migrateToLatest } from '../database/migrator.js';
import { checkDataFolder } from './data-folder.js';

/** A start-up problem an operator can fix; printed as plain sentences, no stack trace. */
export class StartupError extends Error {
  constructor(
    readonly lines: string[],
    readonly exitCode: number,
  ) {
    super(lines.join('\n'));
    this.name = 'StartupError';
  }
}

/** Reads the configuration or throws StartupError listing every bad variable (exit code 2). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = loadConfig(env);
  if (!result.ok) {
    throw new StartupError(
      ['Masthead cannot start; fix these settings:', ...result.problems.map((p) => `  - ${p}`)],
      2,
    );
  }
  return result.config;
}

/**
 * The steps every entry point shares (the server and the CLI): a writable data folder, a database
 * that answers, and, when asked, every migration applied. `bounded` (the server) opens the handle it
 * returns with the configured timeouts; migrations run on an unbounded one first, as they may be long.
 */
export async function connect(
  config: Config,
  options: { migrate: boolean; bounded?: boolean },
): Promise<DatabaseHandle> {
  const folderProblem = checkDataFolder(config.dataDir);
  if (folderProblem) throw new StartupError([folderProblem], 1);
  const open = async (timeouts?: Config['databaseTimeouts']) => {
    try {
      return await openDatabase(config.database, timeouts ? { timeouts } : {});
    } catch (error) {
      if (error instanceof DatabaseUnreachableError) throw new StartupError([error.message], 1);
      throw error;
    }
  };
  let database = await open();
  if (options.migrate) {
    try {
      await migrateToLatest(database.db);
    } catch (error) {
      await database.close();
      if (error instanceof MigrationError) throw new StartupError([error.message], 1);
      throw error;
    }
  }
  if (options.bounded && database.dialect === 'postgres') {
    await database.close();
    database = await open(config.databaseTimeouts);
  }
  return database;
}

/** Prints a StartupError's sentences and exits; anything else is a bug and keeps its stack. */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof StartupError) {
    process.stderr.write(`${error.lines.join('\n')}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`Masthead failed unexpectedly: ${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
}
