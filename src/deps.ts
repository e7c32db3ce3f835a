import type { Config } from './config.js';
import type { Clock } from './platform/clock.js';
import type { DatabaseHandle } from './platform/database/database.js';

/** Everything a capability may need, built once in main.ts (or by a test) and handed down. */
export interface Deps {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly clock: Clock;
}
