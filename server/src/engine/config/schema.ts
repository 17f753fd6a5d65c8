/**
 * The JSON Schema of `.api-warden.yaml` / `.json`. It is generated from the rule registry, so
 * every rule id gets completion and its description in VS Code; `schemas/api-warden.schema.json`
 * is this schema written out (a test keeps the two in step). Unknown rule ids pass the schema and
 * are reported by the loader with a suggestion, so a config written for a newer version still loads.
 */
import type { Rule } from '../rules/rule';
import { docsUrl } from '../rules/rule';
import { PRESETS } from './presets';

export const SCHEMA_ID = 'https://github.com/api-warden/api-warden/blob/main/schemas/api-warden.schema.json';

/** Ids the engine itself reports; they can be configured like rules. */
export const ENGINE_RULE_IDS: Readonly<Record<string, string>> = {
  'unused-suppression': 'A suppression comment or `x-api-warden-ignore` entry that no longer matches any finding (default: warning).',
};

/** `on` enables a rule at its default severities (rules may pick one per finding); a severity forces one. */
const SEVERITY = { type: 'string', enum: ['on', 'error', 'warning', 'info', 'hint', 'off'] } as const;

function ruleSettingSchema(description: string, markdownDescription?: string): Record<string, unknown> {
  return {
    description,
    ...(markdownDescription ? { markdownDescription } : {}),
    oneOf: [
      { ...SEVERITY, description: 'on (default severities), a severity to force, or off.' },
      {
        type: 'array',
        description: '[severity, options]',
        items: [SEVERITY, { type: 'object' }],
        minItems: 1,
        maxItems: 2,
        additionalItems: false,
      },
      {
        type: 'object',
        properties: { severity: SEVERITY, options: { type: 'object', description: 'Options of the rule (see its docs page).' } },
        additionalProperties: false,
      },
    ],
  };
}

export function configSchema(rules: readonly Rule[]): Record<string, unknown> {
  const ruleProps: Record<string, unknown> = {};
  for (const r of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const md = `${r.meta.description}\n\n${r.meta.owasp.join(', ')} · default: \`${r.meta.severity}\`${r.meta.recommended ? ' · recommended' : ''} · [docs](${docsUrl(r.meta.id)})`;
    ruleProps[r.meta.id] = ruleSettingSchema(r.meta.description, md);
  }
  for (const [id, description] of Object.entries(ENGINE_RULE_IDS)) ruleProps[id] = ruleSettingSchema(description);
  const stringList = (description: string, examples: string[]) => ({ type: 'array', description, items: { type: 'string', minLength: 1 }, uniqueItems: true, examples: [examples] });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'API Warden configuration',
    description: 'Configuration of API Warden (.api-warden.yaml, .api-warden.yml or .api-warden.json). The editor and the CLI read the same file.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: {
        type: 'string',
        enum: [...PRESETS],
        default: 'recommended',
        description: 'Preset the rules start from: recommended (default), strict (every rule) or none (only the rules listed).',
        enumDescriptions: ['The rules marked recommended, at their default severity.', 'Every rule, at its default severity.', 'No rule: only those listed under `rules`.'],
      },
      rules: {
        type: 'object',
        description: 'Per-rule setting by rule id: on (its default severities), error, warning, info, hint or off, and options.',
        properties: ruleProps,
        additionalProperties: ruleSettingSchema('Rule setting'),
      },
      authMiddleware: stringList('Names of middleware functions and guards that authenticate requests, beyond those API Warden recognises.', ['requireUser', 'JwtAuthGuard']),
      publicRoutes: stringList('Route patterns that are public by design (`*` one segment, `**` any rest).', ['/health', '/public/**']),
      ignore: stringList('Paths excluded from the audit, in .gitignore syntax, relative to this file.', ['legacy/**', '**/*.spec.ts']),
      pairing: {
        type: 'array',
        description: 'Which OpenAPI document describes which code, when API Warden should not guess. Paths are relative to this file.',
        items: {
          type: 'object',
          required: ['spec', 'code'],
          additionalProperties: false,
          properties: {
            spec: { type: 'string', minLength: 1, description: 'The OpenAPI document (path or glob).' },
            code: {
              description: 'Source files or globs that implement it.',
              oneOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }],
            },
            basePath: { type: 'string', pattern: '^/', description: "Prefix the code serves the document's paths under, when its `servers` do not say." },
          },
        },
      },
    },
    defaultSnippets: [{ label: 'API Warden configuration', body: { extends: 'recommended', rules: {}, publicRoutes: ['/health'] } }],
  };
}
