import os from 'node:os';
import type { Actor } from '../capabilities/staff/index.js';

/**
 * Who acts from the command line: the operator at the server's shell, with full rights (the CLI
 * already reaches the database directly). The audit trail names the system user.
 */
export function commandLineActor(): Actor {
  let user = 'unknown user';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the trail still says it was the command line.
  }
  return { staffId: null, tokenId: null, name: `Command line (${user})`, role: 'owner' };
}
