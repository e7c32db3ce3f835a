import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { SectionNode } from '../api/types';

/** The tree in GET /sections' order: parents before their subsections, siblings in the editors' order. */
export function useSectionTree() {
  return useQuery({
    queryKey: ['sections'],
    queryFn: () => api<{ sections: SectionNode[] }>('/sections').then((r) => r.sections),
  });
}

/** A change to the tree; the budget's section lists share the key, so they follow too. */
export function useSectionChange<A>(run: (args: A) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => client.invalidateQueries({ queryKey: ['sections'] }),
  });
}

/**
 * The PATCHes that move `section` one place among its siblings: the siblings are numbered again from 0
 * in their new order, so positions that were equal or had gaps come out right.
 */
export function reorderPatches(
  sections: readonly SectionNode[],
  section: SectionNode,
  step: -1 | 1,
): { id: string; position: number }[] {
  const siblings = sections.filter((s) => s.parentId === section.parentId);
  const from = siblings.findIndex((s) => s.id === section.id);
  const to = from + step;
  if (to < 0 || to >= siblings.length) return [];
  const order = [...siblings];
  [order[from], order[to]] = [order[to]!, order[from]!];
  return order.flatMap((s, position) => (s.position === position ? [] : [{ id: s.id, position }]));
}

export function patchSection(id: string, body: Record<string, unknown>) {
  return api<SectionNode>(`/sections/${id}`, { method: 'PATCH', body });
}

/** The parent choices for a section: every section but itself and its subsections (no cycles). */
export function parentChoices(sections: readonly SectionNode[], self: SectionNode | null) {
  const allowed = sections.filter((s) => !self || (s.id !== self.id && !s.path.startsWith(`${self.path}/`)));
  return [
    { id: '', label: '(top level)' },
    ...allowed.map((s) => ({ id: s.id, label: `${'— '.repeat(s.depth)}${s.name}` })),
  ];
}
