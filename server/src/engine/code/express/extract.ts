/**
 * Express entry point: routes of every app and router in the workspace, with the facts rules
 * need (middleware chain, handler). See docs/architecture/express.md for the model.
 */
import type { Operation } from '../../model/operation';
import type { EngineSettings } from '../../settings';
import type { FilePath } from '../../types';
import type { FactMemo } from '../memo';
import type { CodeFile } from '../project';
import type { RouteFacts } from '../route-facts';
import { filesReaching } from '../imports';
import { MiddlewareClassifier } from '../middleware/classify';
import { Resolver } from '../values';
import { linkExpress, registersOnInstance, type ExpressModel } from './link';

export interface ExpressRoutes {
  operations: Operation[];
  facts: RouteFacts[];
  model: ExpressModel;
}

/** The previous build's model, per memo. */
const kept = new WeakMap<FactMemo, ExpressModel>();

export function extractExpress(files: ReadonlyMap<FilePath, CodeFile>, settings: EngineSettings, memo?: FactMemo): ExpressRoutes {
  const prev = memo && !memo.reset ? kept.get(memo) : undefined;
  // A build that throws leaves nothing: the next one compares with this build's changes only.
  if (memo) kept.delete(memo);
  let model: ExpressModel | undefined;
  if (prev) {
    const resolver = new Resolver(files);
    // Same routes, facts and explanations; a resolver and classifier over this build's trees,
    // for the rules that resolve through them.
    if (unaffected(prev, files, memo!, resolver)) model = { ...prev, resolver, classifier: new MiddlewareClassifier(resolver, settings) };
  }
  model ??= linkExpress(files, settings, memo);
  if (memo) kept.set(memo, model);
  const facts = model.routes.map((r) => r.facts);
  return { operations: facts.map((f) => f.operation), facts, model };
}

/**
 * Whether linking would give the previous build's model again. Linking reads the registrations
 * that attach to an app, router or parameter instance (and, through the Resolver, the files their
 * files import); so it is unchanged when no file that did contribute reaches a changed file
 * through imports, and no file that reaches one contributes now. Settings and file paths are the
 * same (the memo was not reset).
 */
function unaffected(prev: ExpressModel, files: ReadonlyMap<FilePath, CodeFile>, memo: FactMemo, resolver: Resolver): boolean {
  if (!memo.changed.length) return true;
  const stale = filesReaching(memo.changed, files);
  for (const path of stale) {
    if (prev.contributing.has(path)) return false;
    const f = files.get(path);
    if (f && registersOnInstance(f.sourceFile, resolver)) return false;
  }
  return true;
}

export function extractExpressRoutes(files: ReadonlyMap<FilePath, CodeFile>, settings: EngineSettings): Operation[] {
  return extractExpress(files, settings).operations;
}
