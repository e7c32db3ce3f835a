/**
 * CSV for exports an auditor opens in a spreadsheet (RFC 4180). Pure.
 *
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * programs skip before looking) as a formula, so such a cell gets a leading apostrophe (OWASP's
 * advice on CSV injection): the auditor sees the text, not its result.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ended with CRLF as RFC 4180 asks. */
export function csvRow(values: readonly (string | number)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
