/**
 * The semantic walk behind the richer OpenAPI visitors: parameters, request bodies, responses,
 * and every schema reachable from an operation, each with the context it is used in (the
 * request the API accepts, or the response it sends).
 *
 * Shared things are visited once: a parameter or schema that lives in `components` (or in
 * another file) is one node however many operations use it, and the operations are found
 * through `usesOf`. That is what lets a rule report a shared schema once, at the schema,
 * instead of once per operation. Schemas are grouped in *units*: a unit is the subtree under
 * one `$ref` target or one inline schema root; a `$ref` inside a unit is an edge to another
 * unit, so cyclic schemas are walked once and the walk is linear in the document's size.
 *
 * Only operations under `paths` feed the schema walk: callbacks and webhooks carry what the
 * API sends, which is not input it must bound.
 */
import { HTTP_METHODS } from '../model/operation';
import { isObject, type JsonObject, type OpenApiDocument, type Pointer, type SpecOperation } from './document';
import type { PointerSegment } from './position-index';
import { checkBudget } from '../run/budget';
import { locationKey, type Located, type SpecSet } from './refs';

export type SchemaContext = 'request' | 'response';

/** How a schema hangs off its parent inside a unit. */
export type SchemaRole = 'root' | 'property' | 'items' | 'additionalProperties' | 'composition';

export interface SchemaUnit {
  key: string;
  doc: OpenApiDocument;
  pointer: Pointer;
  context: SchemaContext;
  /** Name under `components/schemas` (or Swagger 2 `definitions`) when the unit is one. */
  component?: string;
  /** What the unit's root describes when it is inline in an operation. */
  origin: 'parameter' | 'body' | 'response' | 'header' | 'ref';
  /** Parameter or header name for those origins. */
  name?: string;
  /** Where a parameter goes (`query`, `path`, `header`, `cookie`, `formData`). */
  in?: string;
  /** Media type for bodies and responses. */
  media?: string;
}

export interface SchemaNode extends Located<JsonObject> {
  context: SchemaContext;
  unit: SchemaUnit;
  role: SchemaRole;
  /** Property name (role `property`, inherited through compositions); parameter name at a parameter's root. */
  name?: string;
  parent?: SchemaNode;
  depth: number;
}

export interface ParameterNode extends Located<JsonObject> {
  name: string;
  in: string;
  /** OAS 3 `schema` (or the first `content` schema); Swagger 2: `schema` of a body, else the parameter itself. */
  schema?: Located<JsonObject>;
  /** Operations that use this parameter definition. */
  uses: SpecOperation[];
}

export interface MediaNode {
  type: string;
  /** The media type object (OAS 3) or the body parameter (Swagger 2). */
  doc: OpenApiDocument;
  pointer: Pointer;
  schema?: Located<JsonObject>;
}

export interface RequestBodyNode extends Located<JsonObject> {
  op: SpecOperation;
  media: MediaNode[];
}

export interface HeaderNode extends Located<JsonObject> {
  name: string;
}

export interface ResponseNode extends Located<JsonObject> {
  op: SpecOperation;
  status: string;
  media: MediaNode[];
  headers: HeaderNode[];
}

export interface SpecModel {
  parameters: ParameterNode[];
  requestBodies: RequestBodyNode[];
  responses: ResponseNode[];
  schemas: SchemaNode[];
  /** Operations whose requests or responses reach the unit (transitively through `$ref`s). */
  usesOf(unit: SchemaUnit): SpecOperation[];
  /** Whether the schema at this location is also used in the other context (a model shared by requests and responses). */
  usedIn(doc: OpenApiDocument, pointer: Pointer, context: SchemaContext): boolean;
}

const MAX_DEPTH = 64;
const COMPOSITIONS = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * A schema node whose pointer is built on first read from its parent's: a walk visits tens of
 * thousands of nodes and rules report a handful, so most pointers are never needed. The step
 * from the parent is one or two segments kept as fields (an array per node was 15,000 more
 * objects on Stripe for the garbage collector to copy).
 */
class WalkedNode implements SchemaNode {
  readonly doc: OpenApiDocument;
  readonly context: SchemaContext;
  readonly name?: string;
  private full?: Pointer;

  constructor(
    readonly unit: SchemaUnit,
    readonly value: JsonObject,
    readonly role: SchemaRole,
    readonly parent: WalkedNode | undefined,
    readonly depth: number,
    name: string | undefined,
    /** First segment from the parent (undefined at the unit's root). */
    private readonly seg1: PointerSegment | undefined,
    private readonly seg2: PointerSegment | undefined,
  ) {
    this.doc = unit.doc;
    this.context = unit.context;
    if (name !== undefined) this.name = name;
  }

  get pointer(): Pointer {
    return (this.full ??= this.parent ? childPointer(this.parent.pointer, this.seg1, this.seg2) : [...this.unit.pointer]);
  }
}

function childPointer(base: Pointer, seg1: PointerSegment | undefined, seg2: PointerSegment | undefined): Pointer {
  const out = base.slice();
  if (seg1 !== undefined) out.push(seg1);
  if (seg2 !== undefined) out.push(seg2);
  return out;
}

interface UnitState {
  unit: SchemaUnit;
  value: JsonObject;
  parents: Set<UnitState>;
  uses: SpecOperation[];
  memo?: SpecOperation[];
}

function samePointer(a: Pointer, b: Pointer): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Keywords that may sit next to `$ref` without saying anything about the node's shape. */
function hasKeywordsBesideRef(value: JsonObject): boolean {
  for (const k in value) if (k !== '$ref' && k !== 'description' && k !== 'summary' && Object.prototype.hasOwnProperty.call(value, k)) return true;
  return false;
}

function componentName(doc: OpenApiDocument, pointer: Pointer): string | undefined {
  if (pointer.length === 3 && pointer[0] === 'components' && pointer[1] === 'schemas') return String(pointer[2]);
  if (pointer.length === 2 && pointer[0] === 'definitions') return String(pointer[1]);
  // A schema file referenced whole: its name is the file's.
  if (pointer.length === 0 && doc.version === undefined) return doc.file.slice(doc.file.lastIndexOf('/') + 1).replace(/\.(ya?ml|json)$/i, '');
  return undefined;
}

/**
 * Builds the model for the path operations of a set (callbacks and webhooks are not walked).
 *
 * Allocation-light on purpose (a cold audit pays every object twice, once to build it and once
 * for the garbage collector to copy it): units and parameters are found by the identity of the
 * object they resolve to, and a location key string is built only when a unit or parameter is
 * created (or when one object sits at two locations, through YAML aliases); pointers to `$ref`s
 * already resolved are never built.
 */
export function buildSpecModel(set: SpecSet, operations: readonly SpecOperation[]): SpecModel {
  const root = set.root;
  const swagger2 = root.version === '2.0';
  /** Parameters by location key, in the order first met (the list rules get). */
  const parameters = new Map<string, ParameterNode>();
  /** The first parameter node made for an object: the same object at the same location is the same parameter. */
  const parameterByValue = new WeakMap<object, ParameterNode>();
  const requestBodies: RequestBodyNode[] = [];
  const responses: ResponseNode[] = [];
  const units = new Map<string, UnitState>();
  /** Per context, the first unit made for a target object (see parameterByValue). */
  const unitByValue = { request: new WeakMap<object, UnitState>(), response: new WeakMap<object, UnitState>() };
  const queue: UnitState[] = [];
  const schemas: SchemaNode[] = [];

  /**
   * The unit of a resolved schema `t`, made on first sight. `value` is what was written where
   * it was reached (a `$ref`, or `t.value` itself when inline).
   */
  const unitOf = (
    t: Located, value: unknown, context: SchemaContext, origin: SchemaUnit['origin'],
    name: string | undefined, media: string | undefined, paramIn: string | undefined,
  ): UnitState | undefined => {
    // An unresolvable reference (recorded by the set) has nothing to walk.
    if (!isObject(t.value) || typeof t.value.$ref === 'string') return undefined;
    const byValue = unitByValue[context];
    const known = byValue.get(t.value);
    if (known && known.unit.doc === t.doc && samePointer(known.unit.pointer, t.pointer)) return known;
    const key = `${locationKey(t.doc, t.pointer)}|${context}`;
    let state = units.get(key);
    if (state) return state;
    const component = componentName(t.doc, t.pointer);
    // A named schema is its own unit whatever first reached it: it says nothing of one parameter.
    const viaRef = t.value !== value || component !== undefined;
    const unit: SchemaUnit = { key, doc: t.doc, pointer: t.pointer, context, origin: viaRef ? 'ref' : origin };
    if (component) unit.component = component;
    if (!viaRef && name) unit.name = name;
    if (!viaRef && paramIn) unit.in = paramIn;
    if (media) unit.media = media;
    state = { unit, value: t.value, parents: new Set(), uses: [] };
    units.set(key, state);
    if (!known) byValue.set(t.value, state);
    queue.push(state);
    return state;
  };

  /** Registers a schema used directly by an operation. */
  const enterFromOperation = (
    schema: Located<JsonObject>, op: SpecOperation, context: SchemaContext, origin: SchemaUnit['origin'],
    name: string | undefined, media: string | undefined, paramIn: string | undefined,
  ): void => {
    const t = set.resolve(schema.value, schema.doc, schema.pointer);
    const state = unitOf(t, schema.value, context, origin, name, media, paramIn);
    // Operations are taken one at a time, so "already listed" is "listed last".
    if (state && state.uses[state.uses.length - 1] !== op) state.uses.push(op);
  };

  const walkUnit = (state: UnitState): void => {
    const { unit } = state;
    const stack = new Set<JsonObject>();
    const visit = (
      value: JsonObject, parent: WalkedNode | undefined, seg1: PointerSegment | undefined, seg2: PointerSegment | undefined,
      role: SchemaRole, name: string | undefined, depth: number,
    ): void => {
      if (depth > MAX_DEPTH || stack.has(value)) return;
      checkBudget(); // a pathological document must not freeze the editor (run/budget.ts)
      // What a client never sends is not request input, and what the server never returns is not response data.
      if (unit.context === 'request' && value.readOnly === true) return;
      if (unit.context === 'response' && value.writeOnly === true) return;
      if (typeof value.$ref === 'string') {
        // The `$ref`'s own pointer only when its chain was never followed (problems are recorded at it).
        const t = set.resolvedBefore(value) ?? set.resolve(value, unit.doc, parent ? childPointer(parent.pointer, seg1, seg2) : unit.pointer);
        const target = unitOf(t, value, unit.context, 'ref', undefined, undefined, undefined);
        if (target && target !== state) target.parents.add(state);
        // OAS 3.1 allows keywords next to `$ref`; they describe this node too.
        if (!hasKeywordsBesideRef(value)) return;
      }
      const node = new WalkedNode(unit, value, role, parent, depth, name, seg1, seg2);
      schemas.push(node);
      stack.add(value);
      const d = depth + 1;
      const properties = value.properties;
      if (isObject(properties)) for (const k of Object.keys(properties)) { const v = properties[k]; if (isObject(v)) visit(v, node, 'properties', k, 'property', k, d); }
      const patterns = value.patternProperties;
      if (isObject(patterns)) for (const k of Object.keys(patterns)) { const v = patterns[k]; if (isObject(v)) visit(v, node, 'patternProperties', k, 'additionalProperties', undefined, d); }
      if (isObject(value.additionalProperties)) visit(value.additionalProperties, node, 'additionalProperties', undefined, 'additionalProperties', undefined, d);
      if (isObject(value.unevaluatedProperties)) visit(value.unevaluatedProperties, node, 'unevaluatedProperties', undefined, 'additionalProperties', undefined, d);
      const items = value.items;
      if (Array.isArray(items)) for (let i = 0; i < items.length; i++) { const v: unknown = items[i]; if (isObject(v)) visit(v, node, 'items', i, 'items', name, d); }
      else if (isObject(items)) visit(items, node, 'items', undefined, 'items', name, d);
      const prefix = value.prefixItems;
      if (Array.isArray(prefix)) for (let i = 0; i < prefix.length; i++) { const v: unknown = prefix[i]; if (isObject(v)) visit(v, node, 'prefixItems', i, 'items', name, d); }
      for (const k of COMPOSITIONS) {
        const list = value[k];
        if (Array.isArray(list)) for (let i = 0; i < list.length; i++) { const v: unknown = list[i]; if (isObject(v)) visit(v, node, k, i, 'composition', name, d); }
      }
      if (isObject(value.then)) visit(value.then, node, 'then', undefined, 'composition', name, d);
      if (isObject(value.else)) visit(value.else, node, 'else', undefined, 'composition', name, d);
      stack.delete(value);
    };
    const rootName = unit.origin === 'parameter' || unit.origin === 'header' ? unit.name : undefined;
    visit(state.value, undefined, undefined, undefined, 'root', rootName, 0);
  };

  const parameterOf = (p: Located<JsonObject>): ParameterNode => {
    const known = parameterByValue.get(p.value);
    if (known && known.doc === p.doc && samePointer(known.pointer, p.pointer)) return known;
    const key = locationKey(p.doc, p.pointer);
    let node = parameters.get(key);
    if (node) return node;
    const v = p.value;
    let schema: Located<JsonObject> | undefined;
    if (isObject(v.schema)) schema = set.resolveObject(v.schema, p.doc, [...p.pointer, 'schema']) ?? { doc: p.doc, pointer: [...p.pointer, 'schema'], value: v.schema };
    else if (isObject(v.content)) {
      const media = Object.keys(v.content)[0];
      const m = media !== undefined ? (v.content as JsonObject)[media] : undefined;
      if (isObject(m) && isObject(m.schema)) schema = set.resolveObject(m.schema, p.doc, [...p.pointer, 'content', media, 'schema']);
    } else if (swagger2 && v.in !== 'body') schema = p;
    node = { doc: p.doc, pointer: p.pointer, value: v, name: v.name as string, in: v.in as string, ...(schema ? { schema } : {}), uses: [] };
    parameters.set(key, node);
    if (!known) parameterByValue.set(v, node);
    return node;
  };

  /** The parameters of one operation, path-level ones overridden by operation-level ones with the same name and location. */
  const operationParameters = (list: unknown, doc: OpenApiDocument, owner: Pointer, into: ParameterNode[]): void => {
    if (!Array.isArray(list)) return;
    for (let i = 0; i < list.length; i++) {
      const raw: unknown = list[i];
      // A `$ref` resolved before needs no pointer of its own.
      const r = (isObject(raw) && set.resolvedBefore(raw)) || set.resolve(raw, doc, [...owner, 'parameters', i]);
      if (!isObject(r.value) || typeof r.value.$ref === 'string') continue;
      const p = r as Located<JsonObject>;
      if (typeof p.value.name !== 'string' || typeof p.value.in !== 'string') continue;
      const node = parameterOf(p);
      const at = into.findIndex((n) => n.name === node.name && n.in === node.in);
      // Replaced in place: the order is that of first appearance, as a Map's would be.
      if (at === -1) into.push(node);
      else into[at] = node;
    }
  };

  for (const op of operations) {
    const doc = op.doc ?? root;
    const item = set.at(doc, op.pathItemPointer);
    const seen: ParameterNode[] = [];
    if (isObject(item)) operationParameters(item.parameters, doc, op.pathItemPointer, seen);
    operationParameters(op.value.parameters, doc, op.pointer, seen);
    const formData: ParameterNode[] = [];
    for (const param of seen) {
      if (param.uses[param.uses.length - 1] !== op) param.uses.push(op);
      if (param.in === 'body') {
        const consumes = mediaTypesOf(op.value.consumes) ?? mediaTypesOf(root.root.consumes) ?? ['application/json'];
        const media = consumes.map((type) => ({ type, doc: param.doc, pointer: param.pointer, ...(param.schema ? { schema: param.schema } : {}) }));
        requestBodies.push({ doc: param.doc, pointer: param.pointer, value: param.value, op, media });
        if (param.schema) enterFromOperation(param.schema, op, 'request', 'body', undefined, consumes[0], undefined);
        continue;
      }
      if (param.in === 'formData') formData.push(param);
      if (param.schema) enterFromOperation(param.schema, op, 'request', 'parameter', param.name, undefined, param.in);
    }
    if (formData.length) {
      const consumes = mediaTypesOf(op.value.consumes) ?? mediaTypesOf(root.root.consumes) ?? ['application/x-www-form-urlencoded'];
      requestBodies.push({ doc, pointer: [...op.pointer, 'parameters'], value: op.value, op, media: consumes.map((type) => ({ type, doc, pointer: [...op.pointer, 'parameters'] })) });
    }
    const body = isObject(op.value.requestBody) ? set.resolveObject(op.value.requestBody, doc, [...op.pointer, 'requestBody']) : undefined;
    if (body) {
      const media = mediaOf(set, body);
      requestBodies.push({ ...body, op, media });
      for (const m of media) if (m.schema) enterFromOperation(m.schema, op, 'request', 'body', undefined, m.type, undefined);
    }
    const rs = op.value.responses;
    if (isObject(rs)) {
      for (const status of Object.keys(rs)) {
        if (status.startsWith('x-')) continue;
        const r = set.resolveObject(rs[status], doc, [...op.pointer, 'responses', status]);
        if (!r) continue;
        let media: MediaNode[];
        if (swagger2) {
          const produces = mediaTypesOf(op.value.produces) ?? mediaTypesOf(root.root.produces) ?? ['application/json'];
          const schema = isObject(r.value.schema) ? set.resolveObject(r.value.schema, r.doc, [...r.pointer, 'schema']) ?? { doc: r.doc, pointer: [...r.pointer, 'schema'], value: r.value.schema } : undefined;
          media = schema ? produces.map((type) => ({ type, doc: r.doc, pointer: r.pointer, schema })) : [];
        } else media = mediaOf(set, r);
        const headers: HeaderNode[] = [];
        if (isObject(r.value.headers)) {
          for (const name of Object.keys(r.value.headers)) {
            const h = set.resolveObject(r.value.headers[name], r.doc, [...r.pointer, 'headers', name]);
            if (h) headers.push({ ...h, name });
          }
        }
        responses.push({ ...r, op, status, media, headers });
        for (const m of media) if (m.schema) enterFromOperation(m.schema, op, 'response', 'response', undefined, m.type, undefined);
      }
    }
  }

  for (let i = 0; i < queue.length; i++) walkUnit(queue[i]);

  const byKey = units;
  const usesOf = (unit: SchemaUnit): SpecOperation[] => {
    const start = byKey.get(unit.key);
    if (!start) return [];
    if (start.memo) return start.memo;
    const out = new Set<SpecOperation>();
    const seen = new Set<UnitState>([start]);
    const todo = [start];
    while (todo.length) {
      const s = todo.pop()!;
      for (const op of s.uses) out.add(op);
      for (const p of s.parents) if (!seen.has(p)) {
        seen.add(p);
        todo.push(p);
      }
    }
    start.memo = [...out];
    return start.memo;
  };

  const usedIn = (doc: OpenApiDocument, pointer: Pointer, context: SchemaContext) => units.has(`${locationKey(doc, pointer)}|${context}`);
  return { parameters: [...parameters.values()], requestBodies, responses, schemas, usesOf, usedIn };
}

function mediaTypesOf(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.length ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

function mediaOf(set: SpecSet, owner: Located<JsonObject>): MediaNode[] {
  const content = owner.value.content;
  if (!isObject(content)) return [];
  return Object.keys(content).flatMap((type) => {
    const m = content[type];
    if (!isObject(m)) return [];
    const pointer = [...owner.pointer, 'content', type];
    const schema = isObject(m.schema) ? set.resolveObject(m.schema, owner.doc, [...pointer, 'schema']) ?? { doc: owner.doc, pointer: [...pointer, 'schema'], value: m.schema } : undefined;
    return [{ type, doc: owner.doc, pointer, ...(schema ? { schema } : {}) }];
  });
}

/** Callback operations (OAS 3) of the given operations, and webhooks (3.1 `webhooks`, `x-webhooks`). */
export function callbackOperations(set: SpecSet, operations: readonly SpecOperation[]): SpecOperation[] {
  const out: SpecOperation[] = [];
  const itemOps = (item: Located<JsonObject>, path: string, kind: 'callback' | 'webhook', parent?: SpecOperation) => {
    for (const method of HTTP_METHODS) {
      const op = item.value[method];
      if (!isObject(op)) continue;
      const pointer = [...item.pointer, method];
      const security = Array.isArray(op.security) ? { requirements: op.security, pointer: [...pointer, 'security'], inherited: false, doc: item.doc } : undefined;
      out.push({ method, path, pointer, value: op, pathItemPointer: item.pointer, doc: item.doc, kind, ...(security ? { security } : {}), ...(parent ? { parent } : {}) });
    }
  };
  for (const op of operations) {
    const cbs = op.value.callbacks;
    if (!isObject(cbs)) continue;
    const doc = op.doc ?? set.root;
    for (const name of Object.keys(cbs)) {
      const cb = set.resolveObject(cbs[name], doc, [...op.pointer, 'callbacks', name]);
      if (!cb) continue;
      for (const expr of Object.keys(cb.value)) {
        if (expr.startsWith('x-')) continue;
        const item = set.resolveObject(cb.value[expr], cb.doc, [...cb.pointer, expr]);
        if (item) itemOps(item, expr, 'callback', op);
      }
    }
  }
  for (const key of ['webhooks', 'x-webhooks']) {
    const hooks = set.root.root[key];
    if (!isObject(hooks) || (key === 'webhooks' && set.root.version !== '3.1')) continue;
    for (const name of Object.keys(hooks)) {
      const item = set.resolveObject(hooks[name], set.root, [key, name]);
      if (item) itemOps(item, name, 'webhook');
    }
  }
  return out;
}
