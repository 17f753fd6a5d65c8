/**
 * Child: one generated code project (see generate-code.ts). Full audit through the engine, then
 * `edits` single-file edits that rename one route (setFile + lintFile of the edited file, which
 * is what the language server does on a keystroke), with the retained heap sampled along the way.
 *
 *   node --expose-gc out/bench/measure/code-project.js <projectRoot> <edits>
 */
import * as fs from 'fs';
import * as path from 'path';
import { createEngine } from '../../server/src/engine';
import { NodeFileSystem } from '../../server/src/node-file-system';
import type { GeneratedProject } from '../generate-code';
import { peakRssMB, reply } from '../lib/child';
import { checkpoints, growthMB, sampleMemory, type MemorySample } from '../lib/memory';
import { summarize } from '../lib/stats';

async function main(): Promise<void> {
  const [root, editsArg] = process.argv.slice(2);
  const edits = Number(editsArg ?? 20);
  const project = JSON.parse(fs.readFileSync(path.join(root, '.bench-project.json'), 'utf8')) as GeneratedProject;

  const t0 = performance.now();
  const engine = createEngine({ fs: new NodeFileSystem(), roots: [root] });
  const audit = await engine.audit();
  const auditMs = performance.now() - t0;
  const auditPeakRssMB = peakRssMB();

  const original = fs.readFileSync(project.editFile, 'utf8');
  const at = original.indexOf(project.editNeedle);
  if (at < 0) throw new Error(`${project.editNeedle} not found in ${project.editFile}`);
  const latencies: number[] = [];
  const samples: MemorySample[] = [];
  const sampleAt = checkpoints(edits);
  for (let n = 1; n <= edits; n++) {
    // '/:id/history' -> '/:id/historyX7': the route changes, so the route model must be redone.
    const renamed = project.editNeedle.slice(0, -1) + `X${n}` + project.editNeedle.slice(-1);
    const text = original.slice(0, at) + renamed + original.slice(at + project.editNeedle.length);
    const t = performance.now();
    engine.setFile(project.editFile, text);
    await engine.lintFile(project.editFile);
    latencies.push(performance.now() - t);
    if (edits >= 100 && sampleAt.has(n)) samples.push(sampleMemory(n));
  }
  reply({
    auditMs,
    files: audit.discovery.code.length,
    routes: audit.operations.length,
    expectedRoutes: project.routes,
    findings: audit.findings.length,
    failures: audit.failures.length,
    auditPeakRssMB,
    edit: summarize(latencies),
    memory: samples,
    heapGrowthMB: growthMB(samples),
    peakRssMB: peakRssMB(),
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
