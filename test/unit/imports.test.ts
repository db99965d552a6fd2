import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Imports point one way (docs/DESIGN.md): no module of sim/ or viz/ reaches itself through its
// imports (`import type` included), each model layer imports only the layers below it, the model
// layers reach no file system, worker thread or child process (so the engine runs in a browser too),
// and within the model a module imports the module that defines a name, not a layer's index.ts.

const ROOT = path.resolve(__dirname, '../..');

/** The model layers, each with the folders of sim/ it may import (besides itself). */
const LAYERS: Record<string, readonly string[]> = {
  core: [],
  world: ['core'],
  behaviour: ['core', 'world'],
  policies: ['core', 'world'],
  agents: ['core', 'world', 'behaviour', 'policies', 'metrics', 'params'],
  engine: ['core', 'world', 'behaviour', 'policies', 'metrics', 'params', 'agents'],
};
/** Folders of sim/ that must stay pure, whatever imports them. */
const PURE = [...Object.keys(LAYERS), 'metrics'];
const IMPURE_MODULES = new Set(['fs', 'fs/promises', 'worker_threads', 'child_process'].flatMap((m) => [m, `node:${m}`]));

interface Module {
  /** files it imports, relative to the root */
  local: string[];
  /** packages and node built-ins it imports */
  external: string[];
}
type Graph = Map<string, Module>;

const STATIC = /(?:^|\n)[ \t]*(?:import|export)\b[^;'"]*?from\s*['"]([^'"]+)['"]/g;
const BARE = /(?:^|\n)[ \t]*import\s*['"]([^'"]+)['"]/g;
const CALL = /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function specifiers(source: string): string[] {
  return [STATIC, BARE, CALL].flatMap((re) => [...source.matchAll(re)].map((m) => m[1]));
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The import graph of every .ts file under `dirs` of `root`; throws on a relative import that names no file. */
function importGraph(root: string, dirs: readonly string[]): Graph {
  const graph: Graph = new Map();
  for (const file of dirs.flatMap((d) => tsFiles(path.join(root, d)))) {
    const from = path.relative(root, file);
    const module: Module = { local: [], external: [] };
    for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        module.external.push(spec);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (!target) throw new Error(`${from}: import '${spec}' names no .ts file`);
      module.local.push(path.relative(root, target));
    }
    graph.set(from, module);
  }
  return graph;
}

/** Every cycle of the graph (one per strongly connected component), as a path that returns to its start. */
function cycles(graph: Graph): string[][] {
  // Tarjan's strongly connected components, then one cycle through each component found by search.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.local ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.local.includes(v)) components.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components.map((component) => {
    const inside = new Set(component);
    const start = [...component].sort()[0];
    const pathTo = (v: string, seen: string[]): string[] | undefined => {
      for (const w of graph.get(v)!.local) {
        if (w === start) return [...seen, w];
        if (inside.has(w) && !seen.includes(w)) {
          const found = pathTo(w, [...seen, w]);
          if (found) return found;
        }
      }
      return undefined;
    };
    return pathTo(start, [start])!;
  });
}

/** The folder of sim/ a file is in ('' outside sim/). */
function layerOf(file: string): string {
  const parts = file.split(path.sep);
  return parts[0] === 'sim' && parts.length > 2 ? parts[1] : '';
}

/** Imports of a model layer that reach a layer not below it. */
function layerViolations(graph: Graph): string[] {
  const bad: string[] = [];
  for (const [file, module] of graph) {
    const allowed = LAYERS[layerOf(file)];
    if (!allowed) continue;
    for (const target of module.local) {
      const layer = layerOf(target);
      if (layer !== layerOf(file) && !allowed.includes(layer)) bad.push(`${file} imports ${target}`);
    }
  }
  return bad;
}

/**
 * Imports, within the model, of another layer's index.ts. TypeScript compiles a re-export to a getter
 * function, and names such as BE or CANNABIS read through getters in the weekly loop made a replicate
 * about a third slower; the index files are the surface for the code above the model.
 */
function indexImports(graph: Graph): string[] {
  const model = [...PURE, 'params'];
  const bad: string[] = [];
  for (const [file, module] of graph) {
    if (!model.includes(layerOf(file))) continue;
    for (const target of module.local) {
      if (path.basename(target) === 'index.ts' && layerOf(target) !== layerOf(file)) bad.push(`${file} imports ${target}`);
    }
  }
  return bad;
}

/** Files of the pure folders that reach, through any chain of local imports, a file, thread or process module. */
function impureReach(graph: Graph, pure: readonly string[]): string[] {
  const bad: string[] = [];
  for (const file of graph.keys()) {
    if (!pure.includes(layerOf(file))) continue;
    const seen = new Set<string>([file]);
    const queue: string[][] = [[file]];
    while (queue.length > 0) {
      const chain = queue.shift()!;
      const module = graph.get(chain[chain.length - 1])!;
      const impure = module.external.find((m) => IMPURE_MODULES.has(m));
      if (impure) {
        bad.push(`${chain.join(' → ')} imports ${impure}`);
        break;
      }
      for (const w of module.local) {
        if (!seen.has(w)) {
          seen.add(w);
          queue.push([...chain, w]);
        }
      }
    }
  }
  return bad;
}

describe('the import graph of sim/ and viz/', () => {
  const graph = importGraph(ROOT, ['sim', 'viz']);

  it('covers the model layers', () => {
    for (const layer of PURE) expect([...graph.keys()].some((f) => layerOf(f) === layer), `files in sim/${layer}`).toBe(true);
  });

  it('has no cycle', () => {
    expect(cycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('points one way: each model layer imports only the layers below it', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('keeps the model layers free of files, worker threads and child processes', () => {
    expect(impureReach(graph, PURE)).toEqual([]);
  });

  it("imports, within the model, the module that defines a name rather than another layer's index", () => {
    expect(indexImports(graph)).toEqual([]);
  });
});

describe('the import checks', () => {
  // A small tree with each fault, to show the checks above can fail.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-imports-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('sim/agents/a.ts', "import { b } from './b';\nexport const a = b;\n");
  write('sim/agents/b.ts', "import type {\n  C,\n} from './c';\nexport const b = 1;\n");
  write('sim/agents/c.ts', "import { a } from './a';\nexport type C = typeof a;\n");
  write('sim/world/index.ts', "export * from './map';\n");
  write('sim/world/map.ts', "import { step } from '../engine';\nexport const map = step;\n");
  write('sim/engine/index.ts', "export { step } from './step';\n");
  write('sim/engine/step.ts', "import fs from 'node:fs';\nexport const step = fs.existsSync;\n");
  write('sim/io/read.ts', "import fs from 'node:fs';\nimport { step } from '../engine';\nimport { a } from '../agents/a';\nexport const read = [fs, a, step];\n");
  const graph = importGraph(dir, ['sim']);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('find a cycle through `import type` and a multi-line import', () => {
    expect(cycles(graph)).toEqual([[path.join('sim', 'agents', 'a.ts'), path.join('sim', 'agents', 'b.ts'), path.join('sim', 'agents', 'c.ts'), path.join('sim', 'agents', 'a.ts')]]);
  });

  it('find a lower layer importing a higher one', () => {
    expect(layerViolations(graph)).toEqual([`${path.join('sim', 'world', 'map.ts')} imports ${path.join('sim', 'engine', 'index.ts')}`]);
  });

  it("find a model module importing another layer's index, but not the code above the model", () => {
    expect(indexImports(graph)).toEqual([`${path.join('sim', 'world', 'map.ts')} imports ${path.join('sim', 'engine', 'index.ts')}`]);
  });

  it('find a pure layer reaching the file system, directly or through its imports, but not sim/io', () => {
    const bad = impureReach(graph, PURE);
    expect(bad).toContain(`${path.join('sim', 'engine', 'step.ts')} imports node:fs`);
    expect(bad).toContain(`${path.join('sim', 'world', 'index.ts')} → ${path.join('sim', 'world', 'map.ts')} → ${path.join('sim', 'engine', 'index.ts')} → ${path.join('sim', 'engine', 'step.ts')} imports node:fs`);
    expect(bad.some((b) => b.startsWith(path.join('sim', 'io')))).toBe(false);
  });

  it('reject an import that names no file', () => {
    write('sim/core/lost.ts', "import { x } from './missing';\n");
    expect(() => importGraph(dir, ['sim'])).toThrow(/sim\/core\/lost\.ts: import '\.\/missing' names no \.ts file/);
  });
});
