/**
 * Nest routes indexed by source file, once per model: rules that visit each file and look for
 * "its" routes would otherwise scan every route for every file (files × routes per edit).
 * Lists keep the model's route order, so findings come out in the same order as a full scan.
 */
import type ts from 'typescript';
import type { GuardUse, NestRoute } from './model';
import type { NestModel } from './extract';

const handlersByFile = new WeakMap<NestModel, Map<ts.SourceFile, NestRoute[]>>();
const guardsByFile = new WeakMap<NestModel, Map<ts.SourceFile, { route: NestRoute; use: GuardUse }[]>>();

/** The routes whose handler is declared in `sf`. */
export function routesInFile(model: NestModel, sf: ts.SourceFile): readonly NestRoute[] {
  let m = handlersByFile.get(model);
  if (!m) {
    m = new Map();
    for (const r of model.routes) push(m, r.file.sourceFile, r);
    handlersByFile.set(model, m);
  }
  return m.get(sf) ?? [];
}

/** Each route's guard uses whose guard has its evidence in `sf`, in route then guard order. */
export function guardUsesWithEvidenceIn(model: NestModel, sf: ts.SourceFile): readonly { route: NestRoute; use: GuardUse }[] {
  let m = guardsByFile.get(model);
  if (!m) {
    m = new Map();
    for (const route of model.routes) {
      for (const use of route.guards) {
        const at = use.guard.evidenceAt;
        if (at) push(m, at.getSourceFile(), { route, use });
      }
    }
    guardsByFile.set(model, m);
  }
  return m.get(sf) ?? [];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
