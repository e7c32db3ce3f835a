#!/usr/bin/env node
// `npm run serve` and `masthead serve`: start the built server, never building. A deploy builds once
// (`npm run build`); a server started from a build older than its sources would run code no one reviewed
// against migrations it may not know, so it refuses to start and says what to run.
import cluster from 'node:cluster';
import { fingerprint, PARTS, stateOf } from './build-stamp.js';

// With WEB_PROCESSES above 1 the primary forks web processes that run this file again. The primary checked
// the build when it started; a process forked later (one replacing a process that died) must run the code
// its siblings run, even if the sources have changed since (a deploy under way), not refuse and leave the
// paper with one process fewer until the next restart.
if (!cluster.isWorker) checkBuild();
await import('../dist/src/main.js');

function checkBuild() {
  const [server, app] = PARTS;
  const state = stateOf(server, fingerprint(server));
  if (state !== 'current') {
    process.stderr.write(
      state === 'missing'
        ? 'Masthead is not built yet: run "npm run build" (or "npm start", which builds when needed).\n'
        : 'The sources changed since Masthead was last built: run "npm run build" before serving ' +
            '(or "npm start", which builds when needed).\n',
    );
    process.exit(1);
  }
  // The newsroom app is checked but not required: without it the server still serves readers and the API.
  const appState = stateOf(app, fingerprint(app));
  if (appState !== 'current') {
    process.stderr.write(
      `The newsroom app is ${appState === 'missing' ? 'not built' : 'older than its sources'}: run "npm run build".\n`,
    );
  }
}
