/**
 * JSON-LD for a `<script type="application/ld+json">`. JSON.stringify alone is not enough inside HTML:
 * a headline holding "</script>" would end the script early, so `<`, `>` and `&` become \u escapes
 * (still the same JSON to a parser). U+2028/2029 are escaped for old JavaScript parsers.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
