/**
 * Name resolution across the workspace's files, syntactically: `import { Public } from
 * '@app/common'` is followed to the file that declares `Public`, through barrels (`export *`),
 * re-exports, relative paths, monorepo packages and tsconfig-style path aliases.
 *
 * Path aliases and package names are matched against the workspace's own folders (the
 * `libs/common/src/index.ts` of `@app/common`, the `packages/auth/src` of `@org/auth`), with a
 * last resort of "the one workspace file that exports this name under a folder named like the
 * import". Anything else is external and stays so: an external name is never guessed.
 */
import ts from 'typescript';
import type { FilePath } from '../../types';
import type { CodeFile } from '../project';
import { fileTable, type TopLevelDecl } from './file-table';
import { unwrap } from './syntax';

export type Resolution =
  | { kind: 'decl'; file: CodeFile; node: TopLevelDecl; name: string }
  /** `export default <expression>` or an anonymous default class/function. */
  | { kind: 'expr'; file: CodeFile; node: ts.Expression | ts.ClassDeclaration | ts.FunctionDeclaration; name: string }
  | { kind: 'namespace'; file: CodeFile }
  | { kind: 'external'; spec: string; name: string }
  | { kind: 'unresolved'; name: string };

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Packages that are never part of a workspace we analyse (saves pointless alias matching). */
export const WELL_KNOWN_EXTERNAL = /^(@nestjs\/|@prisma\/|@mikro-orm\/|@aws-sdk\/|@types\/|node:|rxjs|express|passport|class-validator|class-transformer|typeorm|mongoose|sequelize|axios|reflect-metadata|jsonwebtoken|bcrypt|helmet|cookie-parser|compression|got|node-fetch|undici|fs$|path$|http$|https$|crypto$|url$|util$|os$|child_process$)/;

function stripExtension(p: string): string {
  for (const e of EXTENSIONS) if (p.endsWith(e)) return p.slice(0, -e.length);
  return p;
}

function normalize(parts: string): string {
  const out: string[] = [];
  for (const seg of parts.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

export class Workspace {
  /** Module keys (path without extension; folders for their index file) to files. */
  private readonly byKey = new Map<string, CodeFile>();
  private readonly aliasCache = new Map<string, CodeFile | undefined>();

  /** The deepest folder that holds every file (for short paths in messages). */
  readonly root: string;

  constructor(readonly files: ReadonlyMap<FilePath, CodeFile>) {
    let root: string | undefined;
    for (const p of files.keys()) {
      const dir = p.slice(0, p.lastIndexOf('/'));
      if (root === undefined) root = dir;
      while (root && dir !== root && !dir.startsWith(root + '/')) root = root.slice(0, Math.max(0, root.lastIndexOf('/')));
    }
    this.root = root ?? '';
    const indexes: [string, CodeFile][] = [];
    for (const f of files.values()) {
      const key = stripExtension(f.path);
      if (!this.byKey.has(key) || f.path.endsWith('.ts')) this.byKey.set(key, f);
      if (/\/index$/.test(key)) indexes.push([key.slice(0, -'/index'.length), f]);
    }
    for (const [dir, f] of indexes) if (!this.byKey.has(dir)) this.byKey.set(dir, f);
  }

  /** A workspace-relative path for messages. */
  relative(path: FilePath): string {
    return this.root && path.startsWith(this.root + '/') ? path.slice(this.root.length + 1) : path;
  }

  file(path: FilePath): CodeFile | undefined {
    return this.files.get(path);
  }

  /** The workspace file a module specifier denotes, or 'external'. */
  resolveModule(from: FilePath, spec: string): CodeFile | 'external' {
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const base = spec.startsWith('/') ? spec : from.slice(0, from.lastIndexOf('/')) + '/' + spec;
      return this.byKey.get(stripExtension(normalize(base))) ?? this.byKey.get(normalize(base)) ?? 'external';
    }
    if (WELL_KNOWN_EXTERNAL.test(spec)) return 'external';
    // Keyed by the importing file too: the candidate closest to it wins, so the answer must not
    // depend on which file asked first (an incremental build asks in another order).
    const key = from + '\u0000' + spec;
    if (!this.aliasCache.has(key)) this.aliasCache.set(key, this.resolveAlias(from, spec));
    return this.aliasCache.get(key) ?? 'external';
  }

  /**
   * `@app/common/guards` → `…/common/src/guards`, `…/common/guards`; `@org/auth` →
   * `…/auth/src/index`, `…/auth/index`, `…/auth/lib/index`; `~/x`, `@/x`, `src/x` → `…/x`.
   * Among several candidates the one closest to the importing file wins.
   */
  private resolveAlias(from: FilePath, spec: string): CodeFile | undefined {
    const candidates = this.aliasCandidates(spec);
    if (!candidates.length) return undefined;
    const score = (key: string) => {
      let i = 0;
      while (i < key.length && i < from.length && key[i] === from[i]) i++;
      return i * 1000 - key.length;
    };
    candidates.sort((a, b) => score(b[0]) - score(a[0]));
    return candidates[0][1];
  }

  /**
   * Every file a non-relative specifier may denote as an alias, with its module key
   * (`resolveModule` picks the one closest to the importing file).
   */
  aliasCandidates(spec: string): [string, CodeFile][] {
    let segs = spec.split('/').filter(Boolean);
    if (!segs.length) return []; // `export * from '` while typing: an empty specifier
    if (segs[0] === '~' || segs[0] === '@' || segs[0] === '#') segs = segs.slice(1);
    else if (segs[0].startsWith('@') && segs.length > 1) segs = segs.slice(1);
    else if (segs[0].startsWith('#') || segs[0].startsWith('~')) segs = [segs[0].slice(1), ...segs.slice(1)];
    if (!segs.length) return [];
    const [head, ...rest] = segs;
    const tail = rest.length ? '/' + rest.join('/') : '';
    const suffixes = [`/${head}${tail}`, `/${head}/src${tail}`, `/${head}/lib${tail}`, `/${head}/src/lib${tail}`];
    if (!rest.length) suffixes.push(`/${head}/src/index`, `/${head}/lib/index`);
    const candidates: [string, CodeFile][] = [];
    for (const [key, f] of this.byKey) if (suffixes.some((s) => key.endsWith(s))) candidates.push([key, f]);
    return candidates;
  }

  /** What a name means in a file: a local declaration, or an import followed to its declaration. */
  resolveName(file: CodeFile, name: string, seen = new Set<string>()): Resolution {
    const t = fileTable(file.sourceFile);
    const local = t.decls.get(name);
    if (local) return { kind: 'decl', file, node: local, name };
    const imp = t.imports.get(name);
    if (!imp) return { kind: 'unresolved', name };
    const target = this.resolveModule(file.path, imp.spec);
    if (target === 'external') return this.fallbackByName(file, imp.spec, imp.imported === '*' || imp.imported === 'default' ? name : imp.imported);
    if (imp.imported === '*') return { kind: 'namespace', file: target };
    return this.resolveExport(target, imp.imported, seen);
  }

  /** An exported name of a module, through re-exports and `export *`. */
  resolveExport(file: CodeFile, name: string, seen = new Set<string>()): Resolution {
    const key = `${file.path}#${name}`;
    if (seen.has(key)) return { kind: 'unresolved', name };
    seen.add(key);
    const t = fileTable(file.sourceFile);
    const ex = t.exports.get(name);
    if (ex) {
      if (ex.kind === 'local') return this.resolveName(file, ex.local, seen);
      if (ex.kind === 'expression') return { kind: 'expr', file, node: ex.node, name };
      const target = this.resolveModule(file.path, ex.spec);
      if (target === 'external') return { kind: 'external', spec: ex.spec, name: ex.imported };
      if (ex.imported === '*') return { kind: 'namespace', file: target };
      return this.resolveExport(target, ex.imported, seen);
    }
    for (const spec of t.starExports) {
      const target = this.resolveModule(file.path, spec);
      if (target === 'external') continue;
      const r = this.resolveExport(target, name, seen);
      if (r.kind !== 'unresolved') return r;
    }
    // A CommonJS or plain-script module may declare without exporting (`module.exports = {…}` forms we do not model).
    const local = t.decls.get(name);
    if (local && !t.exports.size && !t.starExports.length) return { kind: 'decl', file, node: local, name };
    return { kind: 'unresolved', name };
  }

  /**
   * An import from a package the module map did not find: when the spec is not a well-known
   * dependency and exactly one workspace file under a folder named like the import exports the
   * name, that file is the package's source (a monorepo package whose entry we cannot read).
   */
  private fallbackByName(file: CodeFile, spec: string, name: string): Resolution {
    if (WELL_KNOWN_EXTERNAL.test(spec) || spec.startsWith('.')) return { kind: 'external', spec, name };
    const words = spec.split('/').map((s) => s.replace(/^[@~#]/, '')).filter((s) => s.length > 1);
    const hits: Resolution[] = [];
    for (const f of this.files.values()) {
      if (f === file || !words.some((w) => f.path.includes(`/${w}/`))) continue;
      const t = fileTable(f.sourceFile);
      const ex = t.exports.get(name);
      if (ex && ex.kind === 'local') {
        const r = this.resolveName(f, ex.local);
        if (r.kind === 'decl') hits.push(r);
      }
    }
    return hits.length === 1 ? hits[0] : { kind: 'external', spec, name };
  }

  /** Resolves an identifier or `ns.Name` expression in a file. */
  resolveExpression(file: CodeFile, expr: ts.Expression): Resolution {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) return this.resolveName(file, e.text);
    if (ts.isPropertyAccessExpression(e)) {
      const left = this.resolveExpression(file, e.expression);
      if (left.kind === 'namespace') return this.resolveExport(left.file, e.name.text);
      if (left.kind === 'external') return { kind: 'external', spec: left.spec, name: e.name.text };
    }
    return { kind: 'unresolved', name: e.getText(file.sourceFile) };
  }

  /** Follows `const X = Y` aliases to the declaration they name (a few steps at most). */
  followAlias(r: Resolution): Resolution {
    let cur = r;
    for (let i = 0; i < 5; i++) {
      if (cur.kind !== 'decl' || !ts.isVariableDeclaration(cur.node) || !cur.node.initializer) return cur;
      const init = unwrap(cur.node.initializer);
      if (!ts.isIdentifier(init) && !ts.isPropertyAccessExpression(init)) return cur;
      const next = this.resolveExpression(cur.file, init);
      if (next.kind === 'unresolved') return cur;
      cur = next;
    }
    return cur;
  }
}

/** The file a node belongs to, in the workspace's terms. */
export function fileOfNode(ws: Workspace, node: ts.Node): CodeFile | undefined {
  return ws.file(node.getSourceFile().fileName);
}
