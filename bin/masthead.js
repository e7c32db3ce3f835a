#!/usr/bin/env node
// The `masthead` command. It runs the compiled CLI; `npm install` builds it (the prepare script).
import { existsSync } from 'node:fs';

// `masthead serve` starts the server without building (serve.js checks the build is current first).
if (process.argv[2] === 'serve') {
  await import('./serve.js');
} else {
  const entry = new URL('../dist/src/cli/main.js', import.meta.url);
  if (!existsSync(entry)) {
    process.stderr.write(
      'Masthead is not built yet: run "npm run build" in its folder (npm install does it too).\n',
    );
    process.exit(1);
  }
  await import(entry.href);
}
