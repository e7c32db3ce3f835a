/** Sections: the paper's hierarchical departments (World > Europe). Pure domain. */

export interface Section {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly parentId: string | null;
  /** Slugs from the top section down, "world/europe": the section's address on the reader site. */
  readonly path: string;
  readonly description: string;
  /** Editors' order among siblings; lower first, ties by name. */
  readonly position: number;
  /** Kept off the front page's section blocks by an editor; the section page stays. */
  readonly frontPageHidden: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SectionInTree extends Section {
  /** 0 for a top section, 1 for its subsections, and so on. */
  readonly depth: number;
}

export const SECTION_NAME_MAX = 80;
export const SECTION_DESCRIPTION_MAX = 500;
export const SECTION_POSITION_MAX = 1_000_000;

export type FieldCheck<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

export function checkSectionName(raw: string): FieldCheck<string> {
  const value = raw.trim();
  if (value === '' || value.length > SECTION_NAME_MAX) {
    return {
      ok: false,
      field: 'name',
      message: `A section needs a name of 1 to ${SECTION_NAME_MAX} characters.`,
    };
  }
  return { ok: true, value };
}

export function checkSectionDescription(raw: string): FieldCheck<string> {
  const value = raw.trim();
  if (value.length > SECTION_DESCRIPTION_MAX) {
    return {
      ok: false,
      field: 'description',
      message: `A section's description can have at most ${SECTION_DESCRIPTION_MAX} characters (it has ${value.length}).`,
    };
  }
  return { ok: true, value };
}

export function checkSectionPosition(raw: number): FieldCheck<number> {
  if (!Number.isInteger(raw) || raw < 0 || raw > SECTION_POSITION_MAX) {
    return {
      ok: false,
      field: 'position',
      message: `A position is a whole number from 0 to ${SECTION_POSITION_MAX}.`,
    };
  }
  return { ok: true, value: raw };
}

export function sectionPath(parentPath: string | null, slug: string): string {
  return parentPath === null ? slug : `${parentPath}/${slug}`;
}

/** The path of a descendant once its ancestor's path changes from `from` to `to`. */
export function movedPath(path: string, from: string, to: string): string {
  return path === from ? to : `${to}${path.slice(from.length)}`;
}

/** True when `path` lies under `ancestorPath` (not equal to it). */
export function isBelow(path: string, ancestorPath: string): boolean {
  return path.startsWith(`${ancestorPath}/`);
}

/**
 * True when putting `section` under `newParent` would make a loop: the new parent is the section
 * itself or lies below it. Paths make this one comparison: every descendant's path extends ours.
 */
export function wouldCycle(
  section: Pick<Section, 'id' | 'path'>,
  newParent: Pick<Section, 'id' | 'path'>,
): boolean {
  return newParent.id === section.id || isBelow(newParent.path, section.path);
}

/** Sections depth-first, each parent before its subsections, siblings by position then name. */
export function inTreeOrder(sections: readonly Section[]): SectionInTree[] {
  const children = new Map<string | null, Section[]>();
  const ids = new Set(sections.map((s) => s.id));
  for (const section of sections) {
    // A section whose parent is missing from the list is shown at the top rather than lost.
    const parent = section.parentId !== null && ids.has(section.parentId) ? section.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(section);
    children.set(parent, list);
  }
  for (const list of children.values()) {
    list.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
  const ordered: SectionInTree[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const section of children.get(parent) ?? []) {
      ordered.push({ ...section, depth });
      visit(section.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}
