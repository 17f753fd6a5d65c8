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
import { linkExpress, type ExpressModel } from './link';

export interface ExpressRoutes {
  operations: Operation[];
  facts: RouteFacts[];
  model: ExpressModel;
}

export function extractExpress(files: ReadonlyMap<FilePath, CodeFile>, settings: EngineSettings, memo?: FactMemo): ExpressRoutes {
  const model = linkExpress(files, settings, memo);
  const facts = model.routes.map((r) => r.facts);
  return { operations: facts.map((f) => f.operation), facts, model };
}

export function extractExpressRoutes(files: ReadonlyMap<FilePath, CodeFile>, settings: EngineSettings): Operation[] {
  return extractExpress(files, settings).operations;
}
