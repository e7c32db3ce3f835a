import type { Config } from '../config.js';
import type { DatabaseHandle } from '../platform/database/database.js';
import { describeMailer } from '../platform/mail/index.js';

/** What `npm start` prints once the paper is served: where to open it, and the first steps. */
export function startBanner(
  config: Config,
  database: DatabaseHandle,
  demo: { articles: number; sections: number; ownerEmail: string; ownerPassword: string } | null,
  staff: number,
): string {
  const base = config.publicUrl.href.replace(/\/$/, '');
  const processes =
    config.webProcesses > 1
      ? `${config.webProcesses} web processes${config.runJobs ? ' and the jobs in this one' : '; jobs run by `masthead worker`'}`
      : config.runJobs
        ? null
        : 'jobs run by `masthead worker`';
  const lines = [
    '',
    `Masthead is running (${database.dialect === 'sqlite' ? `SQLite at ${database.location}` : `PostgreSQL at ${database.location}`}${processes ? `; ${processes}` : ''}).`,
    `  Reader site: ${base}/`,
    `  Health:      ${base}/readyz`,
    `  Admin API:   ${base}/api/admin/v1 (OpenAPI document: ${base}/api/admin/v1/openapi.json)`,
    `  Newsroom:    ${base}/newsroom/ (sign in as staff; the command line: \`npx masthead --help\`)`,
    `  Mail:        ${describeMailer(config)}`,
  ];
  if (demo) {
    lines.push(
      '',
      `A demo edition was created (${demo.articles} articles in ${demo.sections} sections). Its owner signs in to the Admin API`,
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
  return `${lines.join('\n')}\n\n`;
}
