import type { BodyDocument, BodyNode } from '../api/types';

/** One row of a side-by-side comparison: the same item on both sides, or what only one side has. */
export interface Row<T> {
  left: T | null;
  right: T | null;
  same: boolean;
}

const NODE_NAMES: Record<string, string> = {
  heading: 'Subhead',
  blockquote: 'Quotation',
  pullQuote: 'Pull quote',
  bulletList: 'List',
  orderedList: 'Numbered list',
  image: 'Photo',
  embed: 'Embed',
  horizontalRule: 'Divider',
};

/** A block of the body as a line of text, named when it is not a plain paragraph ("Subhead: …"). */
export function blockText(node: BodyNode): string {
  const text = (n: BodyNode): string => (n.text ?? '') + (n.content ?? []).map(text).join(' ');
  const attrs = node.attrs ?? {};
  const own =
    node.type === 'image'
      ? [attrs.caption, attrs.credit && `Photo: ${attrs.credit}`].filter(Boolean).join(' · ')
      : node.type === 'embed'
        ? String(attrs.url ?? '')
        : text(node).replace(/\s+/g, ' ').trim();
  const name = NODE_NAMES[node.type];
  return name ? `${name}: ${own}` : own;
}

/** The blocks of a body, for comparing paragraph by paragraph. */
export function blocksOf(body: BodyDocument): BodyNode[] {
  return body.content ?? [];
}

/**
 * Lines two lists up by their longest common run (what stayed the same), so that an added, removed or
 * changed paragraph shows on its own row; a removed and an added item that meet are paired as one change.
 */
export function alignRows<T>(left: T[], right: T[], key: (item: T) => string): Row<T>[] {
  const a = left.map(key);
  const b = right.map(key);
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const rows: Row<T>[] = [];
  let i = 0;
  let j = 0;
  const removed: T[] = [];
  const added: T[] = [];
  const flush = () => {
    const pairs = Math.max(removed.length, added.length);
    for (let k = 0; k < pairs; k++) {
      rows.push({ left: removed[k] ?? null, right: added[k] ?? null, same: false });
    }
    removed.length = 0;
    added.length = 0;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      flush();
      rows.push({ left: left[i]!, right: right[j]!, same: true });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      removed.push(left[i]!);
      i++;
    } else {
      added.push(right[j]!);
      j++;
    }
  }
  flush();
  return rows;
}

/** A field's value as words on screen. */
export function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  if (typeof value === 'object') {
    const photo = value as { mediaId?: string; caption?: string; credit?: string; alt?: string };
    if (photo.mediaId) {
      return `Photo ${photo.mediaId.slice(0, 8)} · caption: ${photo.caption || '—'} · credit: ${photo.credit || '—'} · alt: ${photo.alt || '—'}`;
    }
    return JSON.stringify(value);
  }
  return String(value);
}
