import { describe, expect, it } from 'vitest';
import { inTreeOrder, movedPath, type Section, wouldCycle } from './section.js';

function section(id: string, parentId: string | null, path: string, position = 0, name = id): Section {
  return {
    id,
    name,
    slug: path.split('/').at(-1)!,
    parentId,
    path,
    description: '',
    position,
    frontPageHidden: false,
    createdAt: '2026-11-16T09:00:00.000Z',
    updatedAt: '2026-11-16T09:00:00.000Z',
  };
}

describe('sections in tree order', () => {
  it('puts parents before subsections and orders siblings by position, then name', () => {
    const sections = [
      section('eu', 'w', 'world/europe', 1),
      section('sport', null, 'sport', 1),
      section('af', 'w', 'world/africa', 1),
      section('w', null, 'world', 0),
      section('as', 'w', 'world/asia', 0),
      section('fr', 'eu', 'world/europe/france', 0),
    ];
    expect(inTreeOrder(sections).map((s) => [s.id, s.depth])).toEqual([
      ['w', 0],
      ['as', 1],
      ['af', 1],
      ['eu', 1],
      ['fr', 2],
      ['sport', 0],
    ]);
  });
});

describe('moving sections', () => {
  it('refuses a move under the section itself or below it, and allows one elsewhere', () => {
    const world = section('w', null, 'world');
    const europe = section('eu', 'w', 'world/europe');
    const worldwide = section('ww', null, 'worldwide');
    expect(wouldCycle(world, world)).toBe(true);
    expect(wouldCycle(world, europe)).toBe(true);
    expect(wouldCycle(world, worldwide)).toBe(false);
    expect(wouldCycle(europe, world)).toBe(false);
  });

  it('rewrites the start of a descendant path only', () => {
    expect(movedPath('world/europe', 'world/europe', 'europe')).toBe('europe');
    expect(movedPath('world/europe/france', 'world/europe', 'europe')).toBe('europe/france');
  });
});
