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
 * thousands of nodes and rules report a handful, so most pointers are never needed.
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
    private readonly base: Pointer | undefined,
    private readonly rel: readonly PointerSegment[],
  ) {
    this.doc = unit.doc;
    this.context = unit.context;
    if (name !== undefined) this.name = name;
  }

  get pointer(): Pointer {
    return (this.full ??= this.parent ? [...this.parent.pointer, ...this.rel] : [...(this.base ?? []), ...this.rel]);
  }
}

interface UnitState {
  unit: SchemaUnit;
  value: JsonObject;
  parents: Set<UnitState>;
  uses: SpecOperation[];
  memo?: SpecOperation[];
}

function componentName(doc: OpenApiDocument, pointer: Pointer): string | undefined {
  if (pointer.length === 3 && pointer[0] === 'components' && pointer[1] === 'schemas') return String(pointer[2]);
  if (pointer.length === 2 && pointer[0] === 'definitions') return String(pointer[1]);
  // A schema file referenced whole: its name is the file's.
  if (pointer.length === 0 && doc.version === undefined) return doc.file.slice(doc.file.lastIndexOf('/') + 1).replace(/\.(ya?ml|json)$/i, '');
  return undefined;
}

/** Builds the model for the path operations of a set (callbacks and webhooks are not walked). */
export function buildSpecModel(set: SpecSet, operations: readonly SpecOperation[]): SpecModel {
  const root = set.root;
  const swagger2 = root.version === '2.0';
  const parameters = new Map<string, ParameterNode>();
  const requestBodies: RequestBodyNode[] = [];
  const responses: ResponseNode[] = [];
  const units = new Map<string, UnitState>();
  const queue: UnitState[] = [];
  const schemas: SchemaNode[] = [];
  // A target object is reached through many `$ref`s; its location key is built once.
  const locationKeys = new WeakMap<object, string>();

  /** Registers a schema reached from an operation (`use`) or from another unit (`parent`). */
  const enter = (
    value: unknown, doc: OpenApiDocument, pointer: Pointer, context: SchemaContext,
    origin: SchemaUnit['origin'], from: { op?: SpecOperation; parent?: UnitState }, extra?: { name?: string; media?: string; in?: string },
  ): void => {
    const t = set.resolve(value, doc, pointer);
    // An unresolvable reference (recorded by the set) has nothing to walk.
    if (!isObject(t.value) || typeof t.value.$ref === 'string') return;
    let base = locationKeys.get(t.value);
    if (base === undefined) locationKeys.set(t.value, (base = locationKey(t.doc, t.pointer)));
    const key = `${base}|${context}`;
    let state = units.get(key);
    if (!state) {
      const component = componentName(t.doc, t.pointer);
      // A named schema is its own unit whatever first reached it: it says nothing of one parameter.
      const viaRef = t.value !== value || component !== undefined;
      state = {
        unit: {
          key, doc: t.doc, pointer: t.pointer, context,
          origin: viaRef ? 'ref' : origin,
          ...(component ? { component } : {}),
          ...(!viaRef && extra?.name ? { name: extra.name } : {}),
          ...(!viaRef && extra?.in ? { in: extra.in } : {}),
          ...(extra?.media ? { media: extra.media } : {}),
        },
        value: t.value,
        parents: new Set(),
        uses: [],
      };
      units.set(key, state);
      queue.push(state);
    }
    if (from.op && !state.uses.includes(from.op)) state.uses.push(from.op);
    if (from.parent && from.parent !== state) state.parents.add(from.parent);
  };

  const walkUnit = (state: UnitState): void => {
    const { unit } = state;
    const stack = new Set<JsonObject>();
    const visit = (value: JsonObject, parent: WalkedNode | undefined, rel: readonly PointerSegment[], role: SchemaRole, name: string | undefined, depth: number): void => {
      if (depth > MAX_DEPTH || stack.has(value)) return;
      checkBudget(); // a pathological document must not freeze the editor (run/budget.ts)
      // What a client never sends is not request input, and what the server never returns is not response data.
      if (unit.context === 'request' && value.readOnly === true) return;
      if (unit.context === 'response' && value.writeOnly === true) return;
      if (typeof value.$ref === 'string') {
        enter(value, unit.doc, parent ? [...parent.pointer, ...rel] : unit.pointer, unit.context, 'ref', { parent: state });
        // OAS 3.1 allows keywords next to `$ref`; they describe this node too.
        if (!Object.keys(value).some((k) => k !== '$ref' && k !== 'description' && k !== 'summary')) return;
      }
      const node = new WalkedNode(unit, value, role, parent, depth, name, parent ? undefined : unit.pointer, rel);
      schemas.push(node);
      stack.add(value);
      // Pointers are built only for children that exist (and, lazily, for nodes a rule reports).
      const child = (v: unknown, r: readonly PointerSegment[], role: SchemaRole, n: string | undefined) => {
        if (isObject(v)) visit(v, node, r, role, n, depth + 1);
      };
      if (isObject(value.properties)) for (const k of Object.keys(value.properties)) child(value.properties[k], ['properties', k], 'property', k);
      if (isObject(value.patternProperties)) for (const k of Object.keys(value.patternProperties)) child(value.patternProperties[k], ['patternProperties', k], 'additionalProperties', undefined);
      if (isObject(value.additionalProperties)) child(value.additionalProperties, ['additionalProperties'], 'additionalProperties', undefined);
      if (isObject(value.unevaluatedProperties)) child(value.unevaluatedProperties, ['unevaluatedProperties'], 'additionalProperties', undefined);
      if (Array.isArray(value.items)) value.items.forEach((v, i) => child(v, ['items', i], 'items', name));
      else if (isObject(value.items)) child(value.items, ['items'], 'items', name);
      if (Array.isArray(value.prefixItems)) value.prefixItems.forEach((v, i) => child(v, ['prefixItems', i], 'items', name));
      for (const k of COMPOSITIONS) {
        const list = value[k];
        if (Array.isArray(list)) list.forEach((v, i) => child(v, [k, i], 'composition', name));
      }
      if (isObject(value.then)) child(value.then, ['then'], 'composition', name);
      if (isObject(value.else)) child(value.else, ['else'], 'composition', name);
      stack.delete(value);
    };
    const rootName = unit.origin === 'parameter' || unit.origin === 'header' ? unit.name : undefined;
    visit(state.value, undefined, [], 'root', rootName, 0);
  };

  const addParameter = (op: SpecOperation, raw: unknown, doc: OpenApiDocument, pointer: Pointer, seen: Map<string, ParameterNode>): void => {
    const p = set.resolveObject(raw, doc, pointer);
    if (!p || typeof p.value.name !== 'string' || typeof p.value.in !== 'string') return;
    const key = locationKey(p.doc, p.pointer);
    let node = parameters.get(key);
    if (!node) {
      const v = p.value;
      let schema: Located<JsonObject> | undefined;
      if (isObject(v.schema)) schema = set.resolveObject(v.schema, p.doc, [...p.pointer, 'schema']) ?? { doc: p.doc, pointer: [...p.pointer, 'schema'], value: v.schema };
      else if (isObject(v.content)) {
        const media = Object.keys(v.content)[0];
        const m = media !== undefined ? (v.content as JsonObject)[media] : undefined;
        if (isObject(m) && isObject(m.schema)) schema = set.resolveObject(m.schema, p.doc, [...p.pointer, 'content', media, 'schema']);
      } else if (swagger2 && v.in !== 'body') schema = p;
      node = { ...p, name: v.name as string, in: v.in as string, ...(schema ? { schema } : {}), uses: [] };
      parameters.set(key, node);
    }
    // An operation-level parameter overrides a path-level one with the same name and location.
    seen.set(`${node.in}:${node.name}`, node);
  };

  for (const op of operations) {
    const doc = op.doc ?? root;
    const item = set.at(doc, op.pathItemPointer);
    const seen = new Map<string, ParameterNode>();
    if (isObject(item) && Array.isArray(item.parameters)) item.parameters.forEach((p, i) => addParameter(op, p, doc, [...op.pathItemPointer, 'parameters', i], seen));
    if (Array.isArray(op.value.parameters)) op.value.parameters.forEach((p, i) => addParameter(op, p, doc, [...op.pointer, 'parameters', i], seen));
    const formData: ParameterNode[] = [];
    for (const param of seen.values()) {
      if (!param.uses.includes(op)) param.uses.push(op);
      if (param.in === 'body') {
        const consumes = mediaTypesOf(op.value.consumes) ?? mediaTypesOf(root.root.consumes) ?? ['application/json'];
        const media = consumes.map((type) => ({ type, doc: param.doc, pointer: param.pointer, ...(param.schema ? { schema: param.schema } : {}) }));
        requestBodies.push({ doc: param.doc, pointer: param.pointer, value: param.value, op, media });
        if (param.schema) enter(param.schema.value, param.schema.doc, param.schema.pointer, 'request', 'body', { op }, { media: consumes[0] });
        continue;
      }
      if (param.in === 'formData') formData.push(param);
      if (param.schema) enter(param.schema.value, param.schema.doc, param.schema.pointer, 'request', 'parameter', { op }, { name: param.name, in: param.in });
    }
    if (formData.length) {
      const consumes = mediaTypesOf(op.value.consumes) ?? mediaTypesOf(root.root.consumes) ?? ['application/x-www-form-urlencoded'];
      requestBodies.push({ doc, pointer: [...op.pointer, 'parameters'], value: op.value, op, media: consumes.map((type) => ({ type, doc, pointer: [...op.pointer, 'parameters'] })) });
    }
    const body = isObject(op.value.requestBody) ? set.resolveObject(op.value.requestBody, doc, [...op.pointer, 'requestBody']) : undefined;
    if (body) {
      const media = mediaOf(set, body);
      requestBodies.push({ ...body, op, media });
      for (const m of media) if (m.schema) enter(m.schema.value, m.schema.doc, m.schema.pointer, 'request', 'body', { op }, { media: m.type });
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
        for (const m of media) if (m.schema) enter(m.schema.value, m.schema.doc, m.schema.pointer, 'response', 'response', { op }, { media: m.type });
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
