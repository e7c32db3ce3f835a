import pino from 'pino';

/**
 * Where the server's log lines go: standard output, written once per turn of the event loop rather
 * than once per line. Under load a turn answers dozens of cached pages, each with its access-log
 * line, and a write to the pipe per line was a fifth of a cached answer's CPU (issue 15's profile:
 * 27 of 103 microseconds went to the access log, 11 of them in the write itself). The lines are
 * joined and handed to pino's own destination (sonic-boom, synchronous, which retries a full pipe)
 * from setImmediate, so they still leave within milliseconds, in order. What a batch could lose is
 * one turn's lines if the process is killed outright (SIGKILL); on a normal exit, and on a crash
 * that exits, the 'exit' handler writes what is pending first.
 */
export class BatchedLogDestination {
  readonly #out: ReturnType<typeof pino.destination>;
  #pending: string[] = [];
  #scheduled = false;

  constructor(fd = 1) {
    this.#out = pino.destination({ dest: fd, sync: true });
    process.on('exit', () => this.flushSync());
  }

  write(line: string): boolean {
    this.#pending.push(line);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#flush);
    }
    return true;
  }

  /** Writes every pending line now (pino calls this for fatal lines; the exit handler too). */
  flushSync(): void {
    if (this.#pending.length === 0) return;
    const text = this.#pending.length === 1 ? this.#pending[0]! : this.#pending.join('');
    this.#pending = [];
    this.#out.write(text);
  }

  /**
   * pino's `logger.flush()` lands here: a process that prints its last words on standard output itself
   * ("stopped cleanly") flushes first, so no pending log line comes out after them.
   */
  flush(done?: (error?: Error) => void): void {
    this.flushSync();
    done?.();
  }

  readonly #flush = (): void => {
    this.#scheduled = false;
    this.flushSync();
  };
}
