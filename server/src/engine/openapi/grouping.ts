/**
 * How the schema-bound rules (API4) keep their findings readable on real documents:
 *   - one finding per *unit* (a shared schema, an inline request body, a parameter), listing its
 *     unbounded fields, located at the field when there is one and at the unit otherwise;
 *   - one finding for the whole document when it does not follow the practice: a spec that
 *     bounds fewer than half of its candidates does not have a few slips, it lacks the practice,
 *     and 2,000 copies of the same advice help nobody; nor does a list of more than UNIT_LIMIT
 *     findings that all say the same thing. The summary lists the places as related locations.
 */
import type { Fix, RelatedInfo } from '../types';
import type { ReportDescriptor, RuleContext } from '../rules/rule';
import { describeOperation, listNames, RELATED_LIMIT, type OpenApiSpec } from './spec';
import type { SchemaNode, SchemaUnit } from './spec-model';

/** Below this share of bounded candidates, a document gets one summarising finding. */
export const PRACTICE_THRESHOLD = 0.5;
/** More places than this to report one by one: one summarising finding instead. */
export const UNIT_LIMIT = 25;

/** True when `hits` out of `total` candidates, spread over `places`, deserve one summary. */
export function summarise(hits: number, total: number, places: number): boolean {
  return hits > 1 && (total - hits < total * PRACTICE_THRESHOLD || places > UNIT_LIMIT);
}

/** "name", "address.street", "tags[]" inside the unit. */
export function fieldPath(node: SchemaNode): string {
  const parts: string[] = [];
  for (let n: SchemaNode | undefined = node; n; n = n.parent) {
    if (n.role === 'property' && n.name) parts.unshift(n.name);
    else if (n.role === 'items') parts.unshift('[]');
    else if (n.role === 'additionalProperties') parts.unshift('*');
  }
  const path = parts.join('.').replace(/\.\[\]/g, '[]').replace(/\.\*/g, '.*');
  return path || (node.unit.origin === 'parameter' || node.unit.origin === 'header' ? (node.unit.name ?? '') : '');
}

/** "schema NewUser", "the request body of POST /users", "parameter 'q' of GET /search". */
export function unitLabel(unit: SchemaUnit, spec: OpenApiSpec): string {
  if (unit.component) return `schema ${unit.component}`;
  const uses = spec.model.usesOf(unit);
  const of = uses.length ? ` of ${listNames(uses.map(describeOperation), 2)}` : '';
  if (unit.origin === 'parameter') return `parameter '${unit.name ?? '?'}'${of}`;
  if (unit.origin === 'header') return `header '${unit.name ?? '?'}'${of}`;
  if (unit.origin === 'body') return `the request body${of}`;
  return `the schema${of}`;
}

export interface GroupOptions<M extends string> {
  /** Message for one unit: gets {{where}}, {{count}}, {{fields}}. */
  unitMessage: M;
  /** Message for the document summary: gets {{count}}, {{total}}, {{bounded}}, {{units}}, {{fields}}. */
  documentMessage: M;
  /** Snippet fix adding the bounds to these nodes (undefined: no fix). */
  fix?(nodes: readonly SchemaNode[]): Fix | undefined;
  /** How a related location describes one hit. */
  describe(node: SchemaNode): string;
}

/**
 * Reports `hits` (unbounded nodes) given how many candidates there were in all (`total`,
 * bounded ones included).
 */
export function reportGrouped<M extends string>(
  ctx: RuleContext<M>,
  spec: OpenApiSpec,
  hits: readonly SchemaNode[],
  total: number,
  options: GroupOptions<M>,
): void {
  if (!hits.length) return;
  const byUnit = new Map<string, SchemaNode[]>();
  for (const h of hits) {
    const list = byUnit.get(h.unit.key);
    if (list) list.push(h); // one list per unit (copying it per hit was quadratic in a unit's size)
    else byUnit.set(h.unit.key, [h]);
  }
  if (summarise(hits.length, total, byUnit.size)) {
    const first = hits[0];
    // One related location per place (schema, body, parameter), so the list covers as many as possible.
    const places = [...byUnit.values()].map((nodes) => nodes[0]);
    ctx.report({
      messageId: options.documentMessage,
      data: { count: hits.length, total, bounded: total - hits.length, units: byUnit.size, fields: listNames(hits.map((h) => fieldLabel(h)), 6) },
      at: { pointer: first.pointer, doc: first.doc },
      related: places.slice(0, RELATED_LIMIT).map((h) => spec.related(h.doc, h.pointer, options.describe(h))),
    } as ReportDescriptor<M>);
    return;
  }
  for (const nodes of byUnit.values()) {
    const unit = nodes[0].unit;
    const uses = spec.model.usesOf(unit);
    const at = nodes.length === 1 ? nodes[0] : undefined;
    const related: RelatedInfo[] = [
      ...(nodes.length > 1 ? nodes.slice(0, RELATED_LIMIT).map((h) => spec.related(h.doc, h.pointer, options.describe(h))) : []),
      ...(unit.doc !== spec.root || unit.component ? spec.usedBy(uses, 5) : []),
    ];
    const fix = options.fix?.(nodes);
    ctx.report({
      messageId: options.unitMessage,
      data: { where: unitLabel(unit, spec), count: nodes.length, fields: listNames(nodes.map(fieldPath).map((f) => f || '(the value itself)'), 6) },
      at: { pointer: at ? at.pointer : unit.pointer, doc: unit.doc },
      ...(uses.length === 1 && !unit.component ? { operation: { method: uses[0].method.toUpperCase(), path: uses[0].path } } : {}),
      related,
      suggestions: fix ? [fix] : [],
    } as ReportDescriptor<M>);
  }
}

function fieldLabel(node: SchemaNode): string {
  const f = fieldPath(node);
  const base = node.unit.component ?? (node.unit.origin === 'parameter' ? 'param' : 'body');
  return f ? `${base}.${f}` : base;
}
