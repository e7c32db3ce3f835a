/**
 * Control characters, line breaks among them: C0 (CR, LF, tab), DEL, C1 (NEL) and Unicode's line
 * and paragraph separators. None belongs in a mail header, a `<title>` or any other one-line text.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: see above
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** The text on one line: each run of control characters becomes one space (issue 12, F7). */
export function oneLine(text: string): string {
  return text.replace(CONTROL_RUNS, ' ').trim();
}
