/**
 * Validates a parsed configuration against the JSON Schema (ajv), and turns ajv's errors into
 * one readable message per problem, addressed by JSON pointer so the loader can give a range.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Rule } from '../rules/rule';
import { configSchema } from './schema';

export interface SchemaProblem {
  pointer: (string | number)[];
  /** `key` when the key itself is wrong (unknown property), else the value. */
  part: 'key' | 'value';
  message: string;
}

const compiled = new WeakMap<readonly Rule[], ValidateFunction>();

function validatorFor(rules: readonly Rule[]): ValidateFunction {
  let v = compiled.get(rules);
  if (!v) {
    // strict: false because the schema carries VS Code's editor keywords (markdownDescription, …).
    const ajv = new Ajv({ allErrors: true, strict: false });
    v = ajv.compile(configSchema(rules));
    compiled.set(rules, v);
  }
  return v;
}

const RULE_SETTING_HELP = "must be on, off or a severity (error, warning, info, hint), [setting, { options }] or { severity, options }";

export function validateConfig(value: unknown, rules: readonly Rule[]): SchemaProblem[] {
  const validate = validatorFor(rules);
  if (validate(value)) return [];
  const problems = new Map<string, SchemaProblem>();
  for (const e of validate.errors ?? []) {
    const pointer = toPointer(e.instancePath);
    // A rule setting that fails oneOf yields one error per branch: report it once, plainly.
    if (pointer[0] === 'rules' && pointer.length >= 2) {
      const at = pointer.slice(0, 2);
      const key = JSON.stringify(at);
      if (!problems.has(key)) problems.set(key, { pointer: at, part: 'value', message: `Rule '${at[1]}' ${RULE_SETTING_HELP}.` });
      continue;
    }
    const p = describe(e, pointer);
    const key = JSON.stringify(p.pointer) + p.message;
    if (p.message && !problems.has(key)) problems.set(key, p);
  }
  // Drop a generic oneOf/anyOf complaint when a more precise one exists below it.
  const list = [...problems.values()];
  return list.filter((p) => !(p.message.startsWith('must match') && list.some((q) => q !== p && q.pointer.length > p.pointer.length && JSON.stringify(q.pointer.slice(0, p.pointer.length)) === JSON.stringify(p.pointer))));
}

function describe(e: ErrorObject, pointer: (string | number)[]): SchemaProblem {
  const where = pointer.length ? `'${pointer.join('.')}'` : 'The configuration';
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String((e.params as { additionalProperty: string }).additionalProperty);
      return { pointer: [...pointer, prop], part: 'key', message: `Unknown setting '${[...pointer, prop].join('.')}'.` };
    }
    case 'enum':
      return { pointer, part: 'value', message: `${where} must be one of: ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}.` };
    case 'type':
      return { pointer, part: 'value', message: `${where} must be ${article((e.params as { type: string }).type)}.` };
    case 'required':
      return { pointer, part: 'value', message: `${where} needs '${(e.params as { missingProperty: string }).missingProperty}'.` };
    case 'uniqueItems':
      return { pointer, part: 'value', message: `${where} lists the same entry twice.` };
    default:
      return { pointer, part: 'value', message: `${where} ${e.message ?? 'is invalid'}.` };
  }
}

function article(type: string): string {
  return type === 'array' || type === 'object' || type === 'integer' ? `an ${type}` : `a ${type}`;
}

function toPointer(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
