/** Spec operations in the shared Operation model (for inventories, reports and matching). */
import { known, type AuthFacts, type Operation, type OperationParam, type SourceSpan } from '../model/operation';
import type { TextRange } from '../types';
import { getAt, isObject, operationsOf, rangeOf, resolveLocal, type OpenApiDocument, type PathItemResolver, type SpecOperation } from './document';

export function specAuth(op: SpecOperation): AuthFacts {
  const sec = op.security;
  if (!sec) return { required: false, by: [], evidence: 'no `security` on the operation or the document' };
  const reqs = sec.requirements.filter(isObject);
  const where = sec.inherited ? 'the document' : 'the operation';
  if (reqs.length === 0 || reqs.some((r) => Object.keys(r).length === 0)) {
    return { required: false, by: [], evidence: `${where} declares it public (an empty security requirement)`, explicitlyPublic: true };
  }
  const names = [...new Set(reqs.flatMap((r) => Object.keys(r)))];
  return { required: true, by: names, evidence: `\`security\` on ${where}: ${names.join(', ')}` };
}

function paramsOf(root: OpenApiDocument, op: SpecOperation, resolve?: PathItemResolver): OperationParam[] {
  const out: OperationParam[] = [];
  const doc = op.doc ?? root;
  const item = getAt(doc.root, op.pathItemPointer);
  const lists = [isObject(item) ? item.parameters : undefined, op.value.parameters];
  lists.forEach((list, i) => {
    if (!Array.isArray(list)) return;
    list.forEach((p, j) => {
      const base = i === 0 ? [...op.pathItemPointer, 'parameters', j] : [...op.pointer, 'parameters', j];
      const r = resolve ? resolve(p, doc, base).value : resolveLocal(doc, p, base).value;
      if (isObject(r) && typeof r.name === 'string' && typeof r.in === 'string') {
        const loc = r.in === 'formData' ? 'body' : r.in;
        if (['path', 'query', 'header', 'cookie', 'body'].includes(loc)) out.push({ name: r.name, in: loc as OperationParam['in'] });
      }
    });
  });
  return out;
}

/**
 * The span's range is computed on first read: locating needs the position index, which JSON
 * documents build lazily, and matching or rules may never need it.
 */
function lazySpan(doc: OpenApiDocument, pointer: SpecOperation['pointer']): SourceSpan {
  let range: TextRange | undefined;
  return {
    file: doc.file,
    pointer,
    get range(): TextRange {
      return (range ??= rangeOf(doc, pointer));
    },
  };
}

/**
 * The document's operations. With `resolve` (a SpecSet's), path items `$ref`'d from other files
 * are read too, and their operations point into those files.
 */
export function specOperations(doc: OpenApiDocument, resolve?: PathItemResolver): Operation[] {
  return operationsOf(doc, resolve).map((op) => ({
    method: op.method,
    path: op.path,
    source: 'openapi' as const,
    at: lazySpan(op.doc ?? doc, op.pointer),
    params: paramsOf(doc, op, resolve),
    auth: known(specAuth(op)),
    rateLimit: { known: false as const, reason: 'rate limits are not part of OpenAPI' },
    deprecated: op.value.deprecated === true,
    tags: Array.isArray(op.value.tags) ? op.value.tags.filter((t): t is string => typeof t === 'string') : undefined,
    operationId: typeof op.value.operationId === 'string' ? op.value.operationId : undefined,
  }));
}
