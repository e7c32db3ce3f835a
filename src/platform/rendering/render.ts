import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole HTML document from a component tree. Preact escapes every text and attribute value. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
