/**
 * A small abstract interpreter over syntax: what does this expression refer to? A project
 * function, a class, an object literal, a module, a value from a package (`passport.authenticate(…)`),
 * or something we cannot know. It follows local variables, destructuring, imports/requires
 * across workspace files, factory calls (the value a project function returns) and `this.x` in
 * classes. It never executes anything.
 *
 * One Resolver lives for one build of the code project; its memo makes repeated lookups cheap.
 */
import ts from 'typescript';
import type { FilePath } from '../types';
import { dottedName, isFunctionNode, memberName, unwrap, type FunctionNode } from './ast';
import { exportsOf, isExportsObject, type ExportTarget } from './exports';
import { importSpecifierOf, packageName, requireSpecifier, resolveModule } from './modules';
import { bindingPath, declarationOf, lookup, type Declaration } from './scope';

/** Argument expressions bound to a function's parameters at a call site (factory calls). */
export type Env = ReadonlyMap<ts.ParameterDeclaration, ts.Expression>;

export type Value =
  | { kind: 'function'; node: FunctionNode; env?: Env }
  | { kind: 'class'; node: ts.ClassLikeDeclaration }
  | { kind: 'instance'; cls: ts.ClassLikeDeclaration }
  | { kind: 'module'; file: FilePath }
  | { kind: 'object'; node: ts.ObjectLiteralExpression }
  | { kind: 'array'; elements: ts.Expression[] }
  /** A value from a package: `path` lists member names and `()` for calls, from the import. */
  | { kind: 'external'; module: string; path: string[]; node: ts.Expression; call?: ts.CallExpression }
  /** A parameter nobody bound (the caller decides). */
  | { kind: 'param'; decl: ts.ParameterDeclaration; fn: ts.SignatureDeclaration; index: number }
  | { kind: 'global'; name: string; path: string[]; node: ts.Expression }
  | { kind: 'literal'; node: ts.Expression }
  | { kind: 'unknown'; reason: string };

const MAX_DEPTH = 30;

export class Resolver {
  private readonly memo = new Map<ts.Node, Value>();
  private readonly active = new Set<ts.Node>();
  private depth = 0;

  constructor(readonly files: ReadonlyMap<FilePath, { sourceFile: ts.SourceFile }>) {}

  has = (p: FilePath): boolean => this.files.has(p);

  sourceFile(file: FilePath): ts.SourceFile | undefined {
    return this.files.get(file)?.sourceFile;
  }

  /** The workspace file a specifier names, from `fromFile`. */
  resolveSpecifier(fromFile: FilePath, spec: string): FilePath | undefined {
    return resolveModule(fromFile, spec, this.has);
  }

  resolve(expr: ts.Expression, env?: Env): Value {
    const key = unwrap(expr);
    if (env && env.size) return this.guard(key, () => this.compute(key, env), false);
    const hit = this.memo.get(key);
    if (hit) return hit;
    const v = this.guard(key, () => this.compute(key, undefined), true);
    return v;
  }

  private guard(key: ts.Node, fn: () => Value, remember: boolean): Value {
    if (this.active.has(key) || this.depth > MAX_DEPTH) return { kind: 'unknown', reason: 'recursive definition' };
    this.active.add(key);
    this.depth++;
    try {
      const v = fn();
      if (remember) this.memo.set(key, v);
      return v;
    } finally {
      this.depth--;
      this.active.delete(key);
    }
  }

  private compute(e: ts.Expression, env: Env | undefined): Value {
    if (isFunctionNode(e)) return { kind: 'function', node: e, env };
    if (ts.isClassExpression(e)) return { kind: 'class', node: e };
    if (ts.isObjectLiteralExpression(e)) return { kind: 'object', node: e };
    if (ts.isArrayLiteralExpression(e)) return { kind: 'array', elements: [...e.elements] };
    if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || ts.isTemplateExpression(e)
      || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword
      || ts.isRegularExpressionLiteral(e)) return { kind: 'literal', node: e };
    if (ts.isIdentifier(e)) return this.identifier(e, env);
    if (e.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(e);
      return cls ? { kind: 'instance', cls } : { kind: 'unknown', reason: '`this` outside a class' };
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const name = memberName(e);
      if (name === undefined) return { kind: 'unknown', reason: `computed member \`${e.getText()}\`` };
      if (isExportsObject(e.expression)) return this.moduleValue(e.getSourceFile().fileName, name);
      return this.member(this.resolve(e.expression, env), name, e);
    }
    if (ts.isCallExpression(e)) return this.call(e, env);
    if (ts.isNewExpression(e)) {
      const callee = this.resolve(e.expression, env);
      if (callee.kind === 'class') return { kind: 'instance', cls: callee.node };
      if (callee.kind === 'external' || callee.kind === 'global') return { ...callee, path: [...callee.path, '()'], node: e } as Value;
      return { kind: 'unknown', reason: `\`new ${e.expression.getText()}\`` };
    }
    if (ts.isConditionalExpression(e)) return { kind: 'unknown', reason: `\`${e.getText().slice(0, 40)}\` is chosen at run time` };
    return { kind: 'unknown', reason: `\`${e.getText().slice(0, 40)}\` is computed` };
  }

  private identifier(id: ts.Identifier, env: Env | undefined): Value {
    if (id.text === 'undefined') return { kind: 'literal', node: id };
    const decl = declarationOf(id);
    if (!decl) return { kind: 'global', name: id.text, path: [], node: id };
    return this.declaration(decl, env, id);
  }

  /** The value a declaration binds. */
  declaration(decl: Declaration, env: Env | undefined, use?: ts.Node): Value {
    if (ts.isFunctionDeclaration(decl)) return { kind: 'function', node: decl };
    if (ts.isFunctionExpression(decl)) return { kind: 'function', node: decl };
    if (ts.isClassDeclaration(decl)) return { kind: 'class', node: decl };
    if (ts.isVariableDeclaration(decl)) {
      if (decl.initializer) return this.resolve(decl.initializer, env);
      return this.assignedLater(decl, use);
    }
    if (ts.isParameter(decl)) {
      const bound = env?.get(decl);
      if (bound) return this.resolve(bound);
      const fn = decl.parent;
      return { kind: 'param', decl, fn, index: fn.parameters.indexOf(decl) };
    }
    if (ts.isBindingElement(decl)) {
      const bp = bindingPath(decl);
      if (!bp) return { kind: 'unknown', reason: 'complex destructuring' };
      let v: Value;
      if (ts.isVariableDeclaration(bp.root)) {
        if (!bp.root.initializer) return { kind: 'unknown', reason: 'destructured without a value' };
        v = this.resolve(bp.root.initializer, env);
      } else {
        const bound = env?.get(bp.root);
        if (bound) v = this.resolve(bound);
        else {
          const fn = bp.root.parent;
          v = { kind: 'param', decl: bp.root, fn, index: fn.parameters.indexOf(bp.root) };
        }
      }
      for (const seg of bp.path) {
        if (seg === '*') return { kind: 'unknown', reason: 'array or rest destructuring' };
        v = this.member(v, seg, decl);
      }
      return v;
    }
    // imports
    const spec = importSpecifierOf(decl);
    if (spec === undefined) return { kind: 'unknown', reason: 'import without a literal specifier' };
    const file = this.resolveSpecifier(decl.getSourceFile().fileName, spec);
    const node = (use as ts.Expression | undefined) ?? (decl as unknown as ts.Expression);
    if (ts.isImportClause(decl)) {
      if (file) return this.defaultExport(file);
      return { kind: 'external', module: packageName(spec), path: [], node };
    }
    if (ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl)) {
      if (file) return this.moduleObject(file);
      return { kind: 'external', module: packageName(spec), path: [], node };
    }
    const imported = (decl.propertyName ?? decl.name).text;
    if (file) return this.moduleValue(file, imported);
    return { kind: 'external', module: packageName(spec), path: imported === 'default' ? [] : [imported], node };
  }

  /** `let router; … router = express.Router();` — the single assignment in the same scope. */
  private assignedLater(decl: ts.VariableDeclaration, use: ts.Node | undefined): Value {
    if (!ts.isIdentifier(decl.name)) return { kind: 'unknown', reason: 'declared without a value' };
    const name = decl.name.text;
    const scope = decl.parent.parent.parent;
    const found: ts.Expression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name
        && lookup(name, n) === decl) found.push(n.right);
      ts.forEachChild(n, visit);
    };
    if (scope) visit(scope);
    if (found.length === 1) return this.resolve(found[0]);
    void use;
    return { kind: 'unknown', reason: `\`${name}\` is assigned ${found.length ? 'more than once' : 'elsewhere'}` };
  }

  /** The value of `export default` (or the CommonJS export) of a project module. */
  defaultExport(file: FilePath): Value {
    const sf = this.sourceFile(file);
    if (!sf) return { kind: 'unknown', reason: `${file} is not analysed` };
    const ex = exportsOf(sf);
    const d = ex.named.get('default');
    if (d) return this.exportTarget(file, d);
    if (ex.commonJs) return this.resolve(ex.commonJs);
    return { kind: 'module', file };
  }

  /** What `require(file)` / `import * as m` gives. */
  moduleObject(file: FilePath): Value {
    const sf = this.sourceFile(file);
    if (!sf) return { kind: 'unknown', reason: `${file} is not analysed` };
    const ex = exportsOf(sf);
    if (ex.commonJs) return this.resolve(ex.commonJs);
    return { kind: 'module', file };
  }

  /** A named export of a project module (following `export * from` and CommonJS objects). */
  moduleValue(file: FilePath, name: string, seen = new Set<FilePath>()): Value {
    const sf = this.sourceFile(file);
    if (!sf) return { kind: 'unknown', reason: `${file} is not analysed` };
    if (seen.has(file)) return { kind: 'unknown', reason: 'circular re-export' };
    seen.add(file);
    const ex = exportsOf(sf);
    const t = ex.named.get(name);
    if (t) return this.exportTarget(file, t, seen);
    if (ex.commonJs) return this.member(this.resolve(ex.commonJs), name, ex.commonJs);
    for (const spec of ex.star) {
      const target = this.resolveSpecifier(file, spec);
      if (!target) continue;
      const v = this.moduleValue(target, name, seen);
      if (v.kind !== 'unknown') return v;
    }
    return { kind: 'unknown', reason: `\`${name}\` is not exported by ${file}` };
  }

  private exportTarget(file: FilePath, t: ExportTarget, seen = new Set<FilePath>()): Value {
    switch (t.kind) {
      case 'expr': return this.resolve(t.node);
      case 'decl': return this.declaration(t.node, undefined);
      case 'local': {
        const d = lookup(t.name, t.at);
        return d ? this.declaration(d, undefined) : { kind: 'unknown', reason: `\`${t.name}\` is not declared` };
      }
      case 'reexport': {
        const target = this.resolveSpecifier(file, t.specifier);
        if (!target) return { kind: 'external', module: packageName(t.specifier), path: t.name === 'default' ? [] : [t.name], node: this.sourceFile(file)! as unknown as ts.Expression };
        return t.name === 'default' ? this.defaultExport(target) : this.moduleValue(target, t.name, seen);
      }
    }
  }

  /** `value.name`. */
  member(v: Value, name: string, at: ts.Node): Value {
    switch (v.kind) {
      case 'module': return this.moduleValue(v.file, name);
      case 'external': return { ...v, path: [...v.path, name], node: ts.isExpression(at) ? at : v.node };
      case 'global': return { ...v, path: [...v.path, name], node: ts.isExpression(at) ? at : v.node };
      case 'object': return this.objectMember(v.node, name);
      case 'instance': return this.classMember(v.cls, name, false);
      case 'class': return this.classMember(v.node, name, true);
      case 'function':
        if (name === 'bind' || name === 'call' || name === 'apply') return v;
        return { kind: 'unknown', reason: `property \`${name}\` of a function` };
      default: return { kind: 'unknown', reason: v.kind === 'unknown' ? v.reason : `property \`${name}\` of a ${v.kind}` };
    }
  }

  private objectMember(obj: ts.ObjectLiteralExpression, name: string): Value {
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i];
      if (ts.isSpreadAssignment(p)) {
        const v = this.member(this.resolve(p.expression), name, p);
        if (v.kind !== 'unknown') return v;
        continue;
      }
      const pname = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined);
      if (pname !== name) continue;
      if (ts.isPropertyAssignment(p)) return this.resolve(p.initializer);
      if (ts.isShorthandPropertyAssignment(p)) return this.resolve(p.name);
      if (ts.isMethodDeclaration(p)) return { kind: 'function', node: p };
    }
    return { kind: 'unknown', reason: `no property \`${name}\`` };
  }

  classMember(cls: ts.ClassLikeDeclaration, name: string, isStatic: boolean): Value {
    for (const m of cls.members) {
      if (!m.name || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) || m.name.text !== name) continue;
      const st = (ts.getModifiers(m as ts.HasModifiers) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
      if (st !== isStatic) continue;
      if (ts.isMethodDeclaration(m)) return { kind: 'function', node: m };
      if (ts.isPropertyDeclaration(m) && m.initializer) return this.resolve(m.initializer);
    }
    if (!isStatic) {
      // `this.name = …` in the constructor
      const ctor = cls.members.find(ts.isConstructorDeclaration);
      const assigned: ts.Expression[] = [];
      const visit = (n: ts.Node): void => {
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)
          && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name) assigned.push(n.right);
        ts.forEachChild(n, visit);
      };
      if (ctor?.body) visit(ctor.body);
      if (assigned.length === 1) return this.resolve(assigned[0]);
      // A constructor parameter property (`constructor(private svc: Service)`) is injected. With
      // Nest's class-token DI the instance is of the declared class when that class is in the
      // workspace (added for the NestJS model: services called from controllers).
      const injected = ctor?.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name && p.type && ts.isTypeReferenceNode(p.type) && ts.isIdentifier(p.type.typeName));
      if (injected && injected.type && ts.isTypeReferenceNode(injected.type) && ts.isIdentifier(injected.type.typeName)) {
        const t = this.resolve(injected.type.typeName);
        if (t.kind === 'class') return { kind: 'instance', cls: t.node };
        // an injected library class (`HttpService` from @nestjs/axios) reads like `new HttpService()`
        if (t.kind === 'external') return { ...t, path: [...t.path, '()'], node: injected.type.typeName } as Value;
      }
    }
    const heritage = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (heritage) {
      const base = this.resolve(heritage.expression);
      if (base.kind === 'class') return this.classMember(base.node, name, isStatic);
    }
    return { kind: 'unknown', reason: `no member \`${name}\` in class ${cls.name?.text ?? ''}`.trim() };
  }

  private call(e: ts.CallExpression, env: Env | undefined): Value {
    const spec = requireSpecifier(e);
    if (spec !== undefined) {
      const file = this.resolveSpecifier(e.getSourceFile().fileName, spec);
      return file ? this.moduleObject(file) : { kind: 'external', module: packageName(spec), path: [], node: e };
    }
    const callee = this.resolve(e.expression, env);
    switch (callee.kind) {
      case 'external':
      case 'global':
        return { ...callee, path: [...callee.path, '()'], node: e, call: e } as Value;
      case 'function':
        return this.returnValue(callee, e);
      case 'class':
        return { kind: 'unknown', reason: 'class called without new' };
      default:
        return { kind: 'unknown', reason: callee.kind === 'unknown' ? callee.reason : `\`${e.expression.getText().slice(0, 40)}\` is not a known function` };
    }
  }

  /** What a project function returns when called with `call`'s arguments. */
  returnValue(fn: Extract<Value, { kind: 'function' }>, call: ts.CallExpression): Value {
    const env = new Map<ts.ParameterDeclaration, ts.Expression>(fn.env ?? []);
    fn.node.parameters.forEach((p, i) => {
      const arg = call.arguments[i];
      if (arg && !ts.isSpreadElement(arg)) env.set(p, arg);
    });
    const returned = returnedExpressions(fn.node);
    if (returned.length === 0) return { kind: 'unknown', reason: `${fnName(fn.node)} returns nothing we can follow` };
    const values = returned.map((r) => this.resolve(r, env));
    const firstKnown = values.find((v) => v.kind !== 'unknown');
    return firstKnown ?? values[0];
  }

  /** The dotted name of a callee, for messages and library matching. */
  static calleeName(e: ts.Expression): string {
    return dottedName(e)?.join('.') ?? e.getText().slice(0, 40);
  }
}

export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isClassLike(p)) return p;
    // an ordinary function rebinds `this`
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p)) return undefined;
  }
  return undefined;
}

/** The expressions a function returns (expression body or `return x` outside nested functions). */
export function returnedExpressions(fn: ts.SignatureDeclaration): ts.Expression[] {
  const body = (fn as FunctionNode).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionNode(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

export function fnName(fn: ts.Node): string {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.name) return fn.name.getText();
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p)) return p.name.getText();
  if (p && ts.isBinaryExpression(p)) return (ts.isPropertyAccessExpression(p.left) ? p.left.name.text : p.left.getText());
  if (p && ts.isCallExpression(p) && p.parent && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) return p.parent.name.text;
  if (p && ts.isCallExpression(p) && p.parent && ts.isBinaryExpression(p.parent) && ts.isPropertyAccessExpression(p.parent.left)) return p.parent.left.name.text;
  return 'an inline function';
}
