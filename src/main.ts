import pino from 'pino';
import { buildApp } from './app.js';
import { seedDemoEdition } from './capabilities/demo/index.js';
import { countStaff } from './capabilities/staff/index.js';
import { systemClock } from './platform/clock.js';
import { buildDeps } from './platform/deps-factory.js';
import { describeMailer } from './platform/mail/index.js';
import { connect, exitOnStartupError, readConfig } from './platform/runtime/startup.js';
import { buildWorker } from './worker.js';

/**
 * The composition root: read the configuration, open and migrate the database, seed a demo edition
 * on a brand-new install, then serve. SIGTERM and SIGINT drain in-flight requests and close the
 * database before exiting.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const database = await connect(config, { migrate: true, bounded: true });
  const logger = pino({ level: config.logLevel });
  const deps = await buildDeps(config, database, systemClock, logger);

  const demo = await seedDemoEdition({ db: database.db, clock: deps.clock, config });
  const staff = demo ? 1 : await countStaff(database.db);
  const app = await buildApp(deps, { logger });
  // Jobs (scheduled publishing, webhook deliveries) run in this process; jobs that fell due while
  // the server was down run at the first poll.
  const worker = buildWorker(deps, logger);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining requests');
    const force = setTimeout(() => {
      logger.error('requests did not drain within 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    await app.close();
    deps.purges.stop();
    await worker.stop();
    await deps.rateLimiter.close();
    await database.close();
    process.stdout.write('Masthead stopped cleanly.\n');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await database.close();
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${code ?? (error as Error).message})`;
    process.stderr.write(`Port ${config.port} on ${config.host} ${why}. Set PORT to another port.\n`);
    process.exit(1);
  }

  worker.start();
  // Purges committed by other processes (a second web process, the CLI importer) reach this cache.
  deps.purges.start();

  const base = config.publicUrl.href.replace(/\/$/, '');
  const lines = [
    '',
    `Masthead is running (${database.dialect === 'sqlite' ? `SQLite at ${database.location}` : `PostgreSQL at ${database.location}`}).`,
    `  Reader site: ${base}/`,
    `  Health:      ${base}/readyz`,
    `  Admin API:   ${base}/api/admin/v1 (OpenAPI document: ${base}/api/admin/v1/openapi.json)`,
    `  Newsroom:    ${base}/newsroom/ (sign in as staff; the command line: \`npx masthead --help\`)`,
    `  Mail:        ${describeMailer(config)}`,
  ];
  if (demo) {
    lines.push(
      '',
      `A demo edition was created (${demo.articles} articles in two sections). Its owner signs in to the Admin API`,
      '(POST /api/admin/v1/auth/sign-in) with these details, shown this once:',
      `  email:    ${demo.ownerEmail}`,
      `  password: ${demo.ownerPassword}`,
      'When you are ready for your own paper, remove the demo (the owner account stays):',
      '  npx masthead demo remove',
    );
  } else if (staff === 0) {
    // A paper that brought its own content (an imported archive) starts without the demo and without staff.
    lines.push(
      '',
      'There is no staff account yet. Create the first owner, then sign in to the Admin API',
      '(POST /api/admin/v1/auth/sign-in) with that email and password:',
      '  npx masthead staff create --email you@example.com --name "Your Name" --role owner',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch(exitOnStartupError);
