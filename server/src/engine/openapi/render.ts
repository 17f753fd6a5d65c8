/**
 * Renders new spec content (a generated operation, a security requirement) in the document's
 * own style: YAML block style with its indentation unit, or JSON. Used by quick fixes that add
 * to a document; the text around the insertion is never re-serialised.
 */
import * as YAML from 'yaml';

/** `key:` followed by the value as an indented YAML block (first line unindented). */
export function yamlEntry(key: string, value: unknown, indent: string, unit: string, eol: string): string {
  const body = YAML.stringify(value, { indent: unit.length, lineWidth: 0 }).replace(/\n$/, '');
  const lines = body.split('\n').map((l) => `${indent}${unit}${l}`);
  const k = /^[\w/{}.-]+$/.test(key) && !/^\d/.test(key) ? key : JSON.stringify(key);
  return [`${k}:`, ...lines].join(eol);
}
