/**
 * A small XML writer for the feeds. Text and attribute values are always escaped, so a headline
 * such as `<b>&"'` can only ever be text; markup is made only by `el()`. Pure: no I/O.
 */

/** Markup made by `el()`; a plain string passed as a child is text and gets escaped. */
export class Xml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type XmlChild = Xml | string | null | undefined | false;
export type XmlAttributes = Record<string, string | number | null | undefined>;

// XML 1.0 refuses these characters even as references, so a stray one would make the whole feed
// unreadable; they are dropped. Lone surrogate halves are dropped for the same reason.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

/** Escapes text for an element's content. */
export function xmlText(value: string): string {
  return value
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Escapes a value for a double-quoted attribute. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * One element. Attributes that are null or undefined are left out; children that are null,
 * undefined or false are skipped, so optional parts read as `cond && el(...)`.
 */
export function el(name: string, attributes: XmlAttributes = {}, ...children: XmlChild[]): Xml {
  if (!NAME.test(name)) throw new Error(`Not an XML name: ${name}`);
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) continue;
    if (!NAME.test(key)) throw new Error(`Not an XML attribute name: ${key}`);
    open += ` ${key}="${xmlAttribute(String(value))}"`;
  }
  const inner = children
    .filter((child): child is Xml | string => child !== null && child !== undefined && child !== false)
    .map((child) => (child instanceof Xml ? child.markup : xmlText(child)))
    .join('');
  return new Xml(inner === '' ? `${open}/>` : `${open}>${inner}</${name}>`);
}

/** A whole document: the declaration, then the root element, then a final newline. */
export function xmlDocument(root: Xml): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${root.markup}\n`;
}
