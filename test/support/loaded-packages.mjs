// Given to a test server with NODE_OPTIONS=--import: when the process exits, it writes the npm packages
// it loaded through require (CommonJS, which ESM imports of CommonJS packages also go through) to
// LOADED_PACKAGES_FILE, so a test can check what a process on the defaults carries.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const packages = new Set();
  for (const file of Object.keys(require.cache)) {
    const found = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (found) packages.add(found[1]);
  }
  fs.writeFileSync(process.env.LOADED_PACKAGES_FILE, JSON.stringify([...packages].sort()));
});
