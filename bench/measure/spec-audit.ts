/**
 * Child: one cold measurement on one OpenAPI document.
 *   engine  full audit through the engine (read, discover, parse, rules, suppressions)
 *   yaml    `yaml`'s parseDocument on the same text (the reference the targets are set against)
 *   parse   the engine's parse alone, plus building the position index (diagnosis)
 *
 *   node out/bench/measure/spec-audit.js <engine|yaml|parse> <file>
 */
import * as fs from 'fs';
import { createEngine } from '../../server/src/engine';
import { parseOpenApi } from '../../server/src/engine/openapi/document';
import { NodeFileSystem } from '../../server/src/node-file-system';
import { cpuMsSince, peakRssMB, reply } from '../lib/child';

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  if (mode === 'yaml') {
    // Loaded here only: the engine modes must not pay for (or be helped by) this module.
    const YAML = await import('yaml');
    const text = fs.readFileSync(file, 'utf8');
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const doc = YAML.parseDocument(text);
    const ms = performance.now() - t0;
    reply({ ms, cpuMs: cpuMsSince(c0), errors: doc.errors.length, peakRssMB: peakRssMB() });
    return;
  }
  if (mode === 'parse') {
    const text = fs.readFileSync(file, 'utf8');
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const doc = parseOpenApi(file, text);
    const parseMs = performance.now() - t0;
    const t1 = performance.now();
    const nodes = doc.parsed.positions().size;
    const indexMs = performance.now() - t1;
    reply({ ms: parseMs + indexMs, cpuMs: cpuMsSince(c0), parseMs, indexMs, nodes, peakRssMB: peakRssMB() });
    return;
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const engine = createEngine({ fs: new NodeFileSystem(), roots: [file] });
  const result = await engine.audit();
  const ms = performance.now() - t0;
  reply({
    ms,
    cpuMs: cpuMsSince(c0),
    specs: result.discovery.specs.length,
    findings: result.findings.length,
    operations: result.operations.length,
    failures: result.failures.length,
    peakRssMB: peakRssMB(),
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
