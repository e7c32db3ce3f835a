/** Any dash a writer may have typed to close a dateline: em, en, hyphen, or two hyphens. */
const CLOSING_DASH = /\s*(?:—|–|--|-)\s*$/;

/**
 * A dateline as the paper prints it: "KYIV, Ukraine" and "KYIV, Ukraine--" both become
 * "KYIV, Ukraine —". The closing em dash is added when the dateline lacks one and stands in for
 * whatever dash was typed, so it is never doubled. Small capitals come from the stylesheet.
 */
export function datelineInPaperStyle(dateline: string): string {
  const place = dateline.trim().replace(CLOSING_DASH, '');
  return place === '' ? '' : `${place} —`;
}
