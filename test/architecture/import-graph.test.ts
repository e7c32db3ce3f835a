import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of docs/architecture.md, checked over every import in src/ (tests included), with
 * TypeScript's own parser so `import type`, re-exports and `import()` all count.
 */

const SRC = path.resolve(import.meta.dirname, '../../src');

interface Import {
  /** The importing file, relative to src/, e.g. `reader/article-page.tsx`. */
  readonly from: string;
  /** The imported file without its extension, relative to src/, e.g. `capabilities/articles/index`. */
  readonly to: string;
  readonly typeOnly: boolean;
}

/**
 * The one allowed exception: the typed table map (platform/database/schema.ts) is the sum of every part's
 * `*-table.ts` types, the capabilities' and the platform's own, and every repository names it through `Db`.
 * Its imports are type-only, erased from the build, and point at table files that import nothing back.
 */
function isTableMapImport(edge: Import): boolean {
  return edge.from === 'platform/database/schema.ts' && edge.typeOnly && /-table$|\/site-keys$/.test(edge.to);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found: Import[] = [];
  const add = (specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return;
    const target = path.resolve(path.dirname(file), specifier.text).replace(/\.js$/, '');
    found.push({ from: path.relative(SRC, file), to: path.relative(SRC, target), typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The folder a file belongs to in the folder graph: a capability with its subfolders
 * (`capabilities/articles`), the reader site, a platform part (`platform/http`; a file directly in platform/ stands alone:
 * `platform/clock`), the CLI; each file directly in src/ (app.ts, config.ts, ...) stands alone.
 */
function folderOf(file: string): string {
  const parts = file.replace(/\.tsx?$/, '').split('/');
  if (parts[0] === 'capabilities' || parts[0] === 'platform') return parts.slice(0, 2).join('/');
  return parts.length === 1 ? file.replace(/\.tsx?$/, '') : parts[0]!;
}

/** Strongly connected components of more than one folder (Tarjan). */
function circles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return found;
}

const edges = sourceFiles(SRC).flatMap(importsOf);
/** What the build ships: tests may drive the whole app, so only the index.ts rule holds for them. */
const shipped = edges.filter((edge) => !/\.test\.tsx?$/.test(edge.from));
const show = (list: Import[]) => list.map((edge) => `${edge.from} -> ${edge.to}`);

describe('the import graph of src/', () => {
  it('reads the whole tree', () => {
    // A parser that found nothing would let every rule below pass.
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.some((edge) => edge.to === 'capabilities/articles/index')).toBe(true);
  });

  it('enters a capability from outside only through its index.ts (or a subfolder index.ts)', () => {
    const bad = edges.filter((edge) => {
      const target = /^capabilities\/([^/]+)\/(.+)$/.exec(edge.to);
      if (!target) return false;
      if (edge.from.startsWith(`capabilities/${target[1]}/`)) return false;
      return !/(^|\/)index$/.test(target[2]!) && !isTableMapImport(edge);
    });
    expect(show(bad)).toEqual([]);
  });

  it('has no import circle between folders', () => {
    const graph = new Map<string, Set<string>>();
    const via = new Map<string, Import[]>();
    for (const edge of shipped) {
      if (edge.to.startsWith('..') || isTableMapImport(edge)) continue;
      const from = folderOf(edge.from);
      const to = folderOf(`${edge.to}.ts`);
      if (from === to) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
      via.set(`${from} ${to}`, [...(via.get(`${from} ${to}`) ?? []), edge]);
    }
    // Each circle with the imports that close it, so the message names the files to change.
    const report = circles(graph).map((component) => {
      const inside = new Set(component);
      const closing = [...via.entries()]
        .filter(([key]) => key.split(' ').every((folder) => inside.has(folder)))
        .flatMap(([, list]) => show(list));
      return { folders: component, imports: closing };
    });
    expect(report).toEqual([]);
  });

  it('keeps the platform free of capabilities and the reader site', () => {
    const bad = shipped.filter(
      (edge) =>
        edge.from.startsWith('platform/') &&
        /^(capabilities|reader)\//.test(edge.to) &&
        !isTableMapImport(edge),
    );
    expect(show(bad)).toEqual([]);
  });

  it('keeps capabilities free of reader page code', () => {
    const bad = shipped.filter(
      (edge) => edge.from.startsWith('capabilities/') && edge.to.startsWith('reader/'),
    );
    expect(show(bad)).toEqual([]);
  });

  it('keeps every reader page plugin out of the capabilities but the accounts area', () => {
    // Accounts' pages (sign-up, sign-in, the account page, the consent prompt) work its sessions, tokens
    // and abuse limits directly, which no other part may touch: they stay its own (docs/architecture.md).
    const exported = sourceFiles(path.join(SRC, 'capabilities'))
      .filter((file) => file.endsWith('/index.ts') && !file.includes('/capabilities/accounts/'))
      .flatMap((file) =>
        [...fs.readFileSync(file, 'utf8').matchAll(/\b(\w+Pages)\b/g)].map(
          (match) => `${path.relative(SRC, file)} exports ${match[1]}`,
        ),
      );
    expect(exported).toEqual([]);
  });
});
