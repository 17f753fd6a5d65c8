/**
 * What OpenAPI rules see besides the node they visit: the set of documents (root + `$ref`'d
 * files), the operations, schemes and the semantic model, each computed once per run and only
 * when some rule asks for it.
 */
import type { OperationRef, RelatedInfo, TextRange } from '../types';
import { operationsOf, rangeOf, securitySchemesOf, type NamedNode, type OpenApiDocument, type Pointer, type SpecOperation } from './document';
import type { SpecSet } from './refs';
import { buildSpecModel, callbackOperations, type SchemaNode, type SpecModel } from './spec-model';

/** How many related locations a grouped finding lists (the message gives the full count). */
export const RELATED_LIMIT = 20;

export class OpenApiSpec {
  private ops?: SpecOperation[];
  private cbs?: SpecOperation[];
  private schemeList?: NamedNode[];
  private modelValue?: SpecModel;

  constructor(readonly set: SpecSet) {}

  get root(): OpenApiDocument {
    return this.set.root;
  }

  /** Operations under `paths`, path items in other files included. */
  get operations(): SpecOperation[] {
    return (this.ops ??= operationsOf(this.root, (v, d, p) => this.set.resolve(v, d, p)));
  }

  /** Callback operations and webhooks (requests the API sends). */
  get callbacks(): SpecOperation[] {
    return (this.cbs ??= callbackOperations(this.set, this.operations));
  }

  get securitySchemes(): NamedNode[] {
    return (this.schemeList ??= securitySchemesOf(this.root));
  }

  get model(): SpecModel {
    return (this.modelValue ??= buildSpecModel(this.set, this.operations));
  }

  get hasModel(): boolean {
    return this.modelValue !== undefined;
  }

  range(doc: OpenApiDocument, pointer: Pointer, part: 'key' | 'value' = 'key'): TextRange {
    return rangeOf(doc, pointer, part);
  }

  related(doc: OpenApiDocument, pointer: Pointer, message: string, part: 'key' | 'value' = 'key'): RelatedInfo {
    return { file: doc.file, range: rangeOf(doc, pointer, part), message };
  }

  /** "Used by GET /x" entries for the operations that use a shared node (at most RELATED_LIMIT). */
  usedBy(ops: readonly SpecOperation[], limit = RELATED_LIMIT): RelatedInfo[] {
    return ops.slice(0, limit).map((op) => this.related(op.doc ?? this.root, op.pointer, `used by ${describeOperation(op)}`));
  }
}

export function operationRef(op: SpecOperation): OperationRef {
  return { method: op.method.toUpperCase(), path: op.path };
}

export function describeOperation(op: SpecOperation): string {
  if (op.kind === 'webhook') return `webhook '${op.path}' (${op.method.toUpperCase()})`;
  if (op.kind === 'callback') return `callback ${op.method.toUpperCase()} ${op.path}`;
  return `${op.method.toUpperCase()} ${op.path}`;
}

/** "a, b, c and 4 more" for messages. */
export function listNames(names: readonly string[], max = 5): string {
  const unique = [...new Set(names)];
  if (unique.length <= max) return unique.join(', ');
  return `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

/** What the finding calls a schema: its component name, else the property path inside its unit. */
export function schemaLabel(node: SchemaNode): string {
  const parts: string[] = [];
  for (let n: SchemaNode | undefined = node; n; n = n.parent) {
    if (n.role === 'property' && n.name) parts.unshift(n.name);
    else if (n.role === 'items') parts.unshift('[]');
  }
  const base = node.unit.component ?? (node.unit.origin === 'parameter' ? `parameter '${node.unit.name}'` : 'request body');
  return parts.length ? `${base}.${parts.join('.').replace(/\.\[\]/g, '[]')}` : base;
}

