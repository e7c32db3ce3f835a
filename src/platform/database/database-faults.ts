/**
 * What kind of fault an error from the database or the disk is, so the one error handler can tell a
 * person what happened (a full disk, a database that does not answer) instead of a generic 500.
 * Drivers put the reason in `code`; pg puts some only in the message; causes may be wrapped.
 */

/** SQLite's SQLITE_FULL, a file write's ENOSPC or EDQUOT, PostgreSQL's 53100 disk_full. */
const STORAGE_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', '53100']);

/**
 * The database does not answer: refused or dropped connections, the pool's connection timeout, the
 * client's query timeout (a frozen server), the server's statement timeout (57014), a server going
 * down or not yet up (57P01-57P03), connection exceptions (class 08), a SQLite file locked past its
 * busy timeout.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '57014',
  '57P01',
  '57P02',
  '57P03',
  'SQLITE_BUSY',
]);
const UNAVAILABLE_MESSAGES = [
  'Query read timeout',
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error',
];

export function isStorageFull(error: unknown): boolean {
  return someCause(error, (e) => STORAGE_FULL_CODES.has(codeOf(e)));
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return someCause(error, (e) => {
    const code = codeOf(e);
    if (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    const message = e instanceof Error ? e.message : '';
    return UNAVAILABLE_MESSAGES.some((text) => message.startsWith(text));
  });
}

/** The reason a log line should carry: the driver's or the system's code. */
export function faultCodeOf(error: unknown): string | undefined {
  let found: string | undefined;
  someCause(error, (e) => {
    found = codeOf(e) || undefined;
    return found !== undefined;
  });
  return found;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The error, its `cause` chain and an AggregateError's members (a connect tried on IPv4 and IPv6). */
function someCause(error: unknown, test: (e: unknown) => boolean, depth = 0): boolean {
  if (error === null || error === undefined || depth > 5) return false;
  if (test(error)) return true;
  if (error instanceof AggregateError && error.errors.some((e) => someCause(e, test, depth + 1))) return true;
  return someCause((error as { cause?: unknown }).cause, test, depth + 1);
}
