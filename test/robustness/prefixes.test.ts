/**
 * Half-typed files: a real file cut at many offsets (every line start and end, and evenly
 * spaced offsets between), fed to one long-lived engine through `setFile` the way the language
 * server feeds it on every keystroke. Each prefix must lint without throwing, without a rule
 * crashing, with ranges inside the text, and within a bound relative to the whole file's
 * baseline measured in this run. PREFIXES=all cuts at every single offset (slow: ~25 s).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createEngine, MemoryFileSystem, type Engine } from '../../server/src/engine';
import { boundFor, corpusText, invariantViolations, median, now, SHARED_ABSENT, sharedSpecs } from './support';

const EVERY_OFFSET = process.env.PREFIXES === 'all';

/** Offsets to cut at: 0, the end, every line start and end, then evenly spaced ones; at most `max`. */
export function cutOffsets(text: string, max: number): number[] {
  if (EVERY_OFFSET) return Array.from({ length: text.length + 1 }, (_, i) => i);
  const structural = new Set<number>([0, text.length]);
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      structural.add(i); // end of a line (before its break)
      structural.add(i + 1); // start of the next
    }
  }
  let cuts = [...structural].sort((a, b) => a - b);
  if (cuts.length > max * 0.7) cuts = cuts.filter((_, i) => i % Math.ceil(cuts.length / (max * 0.7)) === 0);
  const spread = Math.max(0, max - cuts.length);
  for (let k = 1; k <= spread; k++) cuts.push(Math.floor((k * text.length) / (spread + 1)));
  return [...new Set(cuts)].sort((a, b) => a - b);
}

async function timedLint(engine: Engine, file: string, text: string): Promise<number> {
  engine.setFile(file, text);
  const t = now();
  await engine.lintFile(file);
  return now() - t;
}

/** Baseline for a file: the whole text and a broken copy (the slower tolerant parsers). */
async function baseline(engine: Engine, file: string, text: string, comment: string): Promise<number> {
  await timedLint(engine, file, text + `\n${comment} warm-up\n`);
  const whole: number[] = [];
  const broken: number[] = [];
  for (let i = 0; i < 3; i++) {
    whole.push(await timedLint(engine, file, text + `\n${comment} ${i}\n`));
    broken.push(await timedLint(engine, file, text.slice(0, Math.floor(text.length / 2)) + `\n${comment} {[( ${i}\n` + text.slice(Math.floor(text.length / 2))));
  }
  return Math.max(median(whole), median(broken));
}

async function checkPrefixes(target: string, text: string, max: number, others: Record<string, string> = {}): Promise<void> {
  const engine = createEngine({ fs: new MemoryFileSystem({ ...others, [target]: text }), roots: ['/ws'] });
  const comment = /\.(ya?ml)$/.test(target) ? '#' : /\.json$/.test(target) ? '' : '//';
  const base = comment === '' ? await baseline(engine, target, text, ' ') : await baseline(engine, target, text, comment);
  const bound = boundFor(base);
  const problems: string[] = [];
  let slowest = 0;
  const cuts = cutOffsets(text, max);
  for (const at of cuts) {
    const prefix = text.slice(0, at);
    engine.setFile(target, prefix);
    try {
      const t = now();
      const r = await engine.lintFile(target);
      const ms = now() - t;
      slowest = Math.max(slowest, ms);
      if (ms > bound) problems.push(`cut at ${at}: ${ms.toFixed(0)} ms > bound ${bound.toFixed(0)} ms`);
      for (const v of invariantViolations(r.findings, (f) => (f === target ? prefix : others[f]))) problems.push(`cut at ${at}: ${v}`);
      for (const f of r.failures) problems.push(`cut at ${at}: rule ${f.ruleId} crashed: ${f.message}`);
    } catch (e) {
      problems.push(`cut at ${at}: threw ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  console.log(`      ${cuts.length} cuts of ${text.length} characters; slowest ${slowest.toFixed(1)} ms (bound ${bound.toFixed(0)} ms, baseline ${base.toFixed(1)} ms)`);
  assert.deepStrictEqual(problems.slice(0, 10), [], `${problems.length} failing cuts`);
}

describe('robustness: half-typed files (every prefix of a real file)', function () {
  this.timeout(300_000);

  it('OpenAPI YAML (orders-api.yaml)', async () => {
    await checkPrefixes('/ws/openapi.yaml', corpusText('orders-api.yaml'), 450);
  });

  it('Swagger 2.0 JSON (legacy-shop.json)', async () => {
    await checkPrefixes('/ws/swagger.json', corpusText('legacy-shop.json'), 450);
  });

  it('Express TypeScript, with the spec beside it (express-app.ts)', async () => {
    await checkPrefixes('/ws/src/app.ts', corpusText('express-app.ts.txt'), 450, { '/ws/openapi.yaml': corpusText('orders-api.yaml') });
  });

  it('NestJS controller (nest-orders.controller.ts)', async () => {
    await checkPrefixes('/ws/src/orders/orders.controller.ts', corpusText('nest-orders.controller.ts.txt'), 450);
  });

  it('a real-world spec from ../shared/specs (twilio-insights_v2.yaml, 60 KB)', async function () {
    const specs = sharedSpecs();
    const file = specs?.find((f) => path.basename(f) === 'twilio-insights_v2.yaml');
    if (!file) {
      console.log(`      ${SHARED_ABSENT}`);
      this.skip();
    }
    await checkPrefixes('/ws/twilio.yaml', fs.readFileSync(file!, 'utf8'), 120);
  });
});
