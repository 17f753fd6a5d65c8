/**
 * Child: the engine side of typing in an open OpenAPI document, without the LSP transport.
 * Opens the file as an editor buffer (setFile + lintFile: the first diagnostics), then makes
 * `edits` one-line edits inside a path item, timing setFile + lintFile for each, and samples the
 * retained heap along the way.
 *
 *   node --expose-gc out/bench/measure/spec-edit.js <file> <edits>
 */
import * as fs from 'fs';
import { createEngine } from '../../server/src/engine';
import { NodeFileSystem } from '../../server/src/node-file-system';
import { peakRssMB, reply } from '../lib/child';
import { applyEdit, findEditSite, suffixFor } from '../lib/edit-site';
import { checkpoints, growthMB, sampleMemory, type MemorySample } from '../lib/memory';
import { summarize } from '../lib/stats';

async function main(): Promise<void> {
  const [file, editsArg] = process.argv.slice(2);
  const edits = Number(editsArg ?? 20);
  const original = fs.readFileSync(file, 'utf8');
  const site = findEditSite(original);
  if (!site) throw new Error(`no operationId line inside a path item in ${file}`);
  const engine = createEngine({ fs: new NodeFileSystem(), roots: [file] });

  const t0 = performance.now();
  engine.setFile(file, original);
  const first = await engine.lintFile(file);
  const openMs = performance.now() - t0;

  const latencies: number[] = [];
  const samples: MemorySample[] = [];
  const sampleAt = checkpoints(edits);
  let text = original;
  let previous = '';
  for (let n = 1; n <= edits; n++) {
    const suffix = suffixFor(n);
    text = applyEdit(text, site, previous, suffix);
    previous = suffix;
    const t = performance.now();
    engine.setFile(file, text);
    const result = await engine.lintFile(file);
    latencies.push(performance.now() - t);
    if (result.kind !== 'openapi') throw new Error(`edit ${n} made the document unrecognisable`);
    if (edits >= 100 && sampleAt.has(n)) samples.push(sampleMemory(n));
  }
  reply({
    openMs,
    findings: first.findings.length,
    editLine: site.line + 1,
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
