/**
 * Child: what each OpenAPI rule costs on one document, for finding where analysis time goes.
 * The document is parsed once; then all rules together, and each rule alone (with whatever
 * shared model its visitors make the runner build), are run warm several times. CPU ms, median.
 *
 *   node out/bench/measure/rule-costs.js <file> [repeats]
 */
import * as fs from 'fs';
import { ALL_RULES, resolveSettings, SILENT_LOGGER } from '../../server/src/engine';
import { parseOpenApi } from '../../server/src/engine/openapi/document';
import type { OpenApiRule } from '../../server/src/engine/rules/rule';
import type { RuleFailure } from '../../server/src/engine/run/collector';
import { runOpenApiRules } from '../../server/src/engine/run/run-openapi';
import { cpuMsSince, reply } from '../lib/child';
import { median } from '../lib/stats';

function cost(fn: () => void, repeats: number): number {
  fn(); // warm up (JIT, lazily built tables)
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c = process.cpuUsage();
    fn();
    runs.push(cpuMsSince(c));
  }
  return median(runs);
}

function main(): void {
  const [file, repeatsArg] = process.argv.slice(2);
  const repeats = Number(repeatsArg ?? 5);
  const text = fs.readFileSync(file, 'utf8');
  const parseMs = cost(() => parseOpenApi(file, text), repeats);
  const doc = parseOpenApi(file, text);
  const settings = resolveSettings({});
  const rules = ALL_RULES.filter((r): r is OpenApiRule => r.meta.kind === 'openapi');
  const failures: RuleFailure[] = [];
  const run = (list: readonly OpenApiRule[]) => () => void runOpenApiRules(doc, list, settings, SILENT_LOGGER, failures);
  const allMs = cost(run(rules), repeats);
  // The shared semantic model alone: a rule whose only visitor is an empty schema visitor.
  const modelOnly = { ...rules[0], meta: { ...rules[0].meta, id: 'bench-model-only' }, create: () => ({ schema() {} }) } as OpenApiRule;
  const modelMs = cost(run([modelOnly]), repeats);
  const byRule = rules
    .map((r) => ({ rule: r.meta.id, ms: cost(run([r]), repeats) }))
    .sort((a, b) => b.ms - a.ms);
  reply({ file, bytes: text.length, parseMs, allMs, modelMs, rules: rules.length, byRule, failures: failures.length });
}

main();
