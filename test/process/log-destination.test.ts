import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/processes.js';

/**
 * The server's log lines are written once per turn of the event loop (log-destination.ts). What
 * that must never cost: a line lost or out of order when the process ends, whether it exits on
 * purpose in the same turn as it logged, or dies of an uncaught error.
 */
const DESTINATION = path.join(ROOT, 'dist/src/platform/runtime/log-destination.js');

function runLogging(ending: string) {
  const script = `
    import pino from 'pino';
    import { BatchedLogDestination } from ${JSON.stringify(DESTINATION)};
    const log = pino({ level: 'info' }, new BatchedLogDestination());
    setTimeout(() => {
      for (let i = 0; i < 2000; i++) log.info({ n: i }, 'line');
      ${ending}
    }, 10);
  `;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function numbers(stdout: string): number[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { n: number }).n);
}

describe('the batched log destination', () => {
  const all = Array.from({ length: 2000 }, (_, i) => i);

  it('writes every line, in order, when the process exits in the turn that logged them', () => {
    const ran = runLogging('process.exit(3);');
    expect(ran.status).toBe(3);
    expect(numbers(ran.stdout)).toEqual(all);
  });

  it('writes every line before an uncaught error ends the process', () => {
    const ran = runLogging("throw new Error('boom');");
    expect(ran.status).not.toBe(0);
    expect(ran.stderr).toContain('boom');
    expect(numbers(ran.stdout)).toEqual(all);
  });

  it('writes every pending line on logger.flush(), before what the process then prints itself', () => {
    const ran = runLogging("log.flush(); process.stdout.write('stopped cleanly\\n'); process.exit(0);");
    expect(ran.status).toBe(0);
    const lines = ran.stdout.split('\n').filter(Boolean);
    expect(lines.at(-1)).toBe('stopped cleanly');
    expect(numbers(lines.slice(0, -1).join('\n'))).toEqual(all);
  });

  it('writes lines of later turns as they come, not only at the end', () => {
    const ran = runLogging(
      "setTimeout(() => { log.info({ n: 2000 }, 'line'); setTimeout(() => process.kill(process.pid, 'SIGKILL'), 50); }, 20);",
    );
    // Killed outright, with nothing flushed at exit: what was written by then is every line.
    expect(ran.signal).toBe('SIGKILL');
    expect(numbers(ran.stdout)).toEqual([...all, 2000]);
  });
});
