/**
 * Nest routes as the shared `RouteFacts` the framework-neutral code rules read: the guards and
 * middleware that run (as chain entries, after opt-outs), the handler method, and the role
 * check that applies.
 */
import { known, unknown, type Known, type Operation } from '../../model/operation';
import type { EngineSettings } from '../../settings';
import type { FilePath } from '../../types';
import type { CodeFile } from '../project';
import type { ChainEntry, MiddlewareKind, RouteFacts } from '../route-facts';
import type { FactMemo } from '../memo';
import { buildNestModel, nestReuse, type NestModel } from './extract';
import { handlerInputs } from './inputs';
import { bodyType, pipesFor } from './pipes';
import type { GuardOutcome, NestRoute } from './model';

/** Operations and the shared route facts of every Nest route (what buildCodeProject adds). */
export function extractNest(files: ReadonlyMap<FilePath, CodeFile>, settings: EngineSettings, memo?: FactMemo): { operations: Operation[]; facts: RouteFacts[] } {
  const model = buildNestModel(files, settings, memo);
  const reuse = nestReuse(memo);
  const facts = reuse ? model.routes.map((r) => reuse.routeFacts(r, () => nestRouteFacts(model, r))) : model.routes.map((r) => nestRouteFacts(model, r));
  return { operations: model.routes.map((r) => r.operation), facts };
}

const KIND: Record<GuardOutcome['effect'], MiddlewareKind> = {
  authenticates: 'authentication',
  authorizes: 'authorization',
  'rate-limits': 'rate-limit',
  'opted-out': 'plain',
  inactive: 'plain',
  bypassable: 'plain',
  conditional: 'unknown',
  unknown: 'unknown',
  'does-not-authenticate': 'plain',
};

export function nestRouteFacts(model: NestModel, route: NestRoute): RouteFacts {
  const chain: ChainEntry[] = route.decision.outcomes.map((o) => ({
    kind: o.effect === 'rate-limits' && route.skipThrottle ? 'plain' : KIND[o.effect],
    name: o.name,
    evidence: o.note,
    at: o.at ?? route.operation.at,
    via: o.source === 'guard' ? 'guard' : 'app',
  }));
  const validation = whitelistingPipe(model, route);
  if (validation) chain.push(validation);
  return {
    operation: route.operation,
    framework: 'nestjs',
    chain,
    handler: { file: route.file.path, node: route.method },
    authorization: authorizationOf(route),
    registration: route.method,
    inputs: handlerInputs(model.workspace, route.file, route.params),
  };
}

function authorizationOf(route: NestRoute): Known<{ by: string[]; evidence: string }> {
  const roles = route.decision.outcomes.filter((o) => o.effect === 'authorizes');
  if (roles.length) return known({ by: roles.map((o) => o.name), evidence: roles.map((o) => o.note).join('; ') });
  const open = route.decision.outcomes.find((o) => o.effect === 'unknown' || o.effect === 'conditional');
  if (open) return unknown(open.note);
  const inactive = route.decision.outcomes.filter((o) => o.effect === 'inactive' || o.effect === 'bypassable');
  return known({ by: [], evidence: inactive.length ? inactive.map((o) => o.note).join('; ') : 'no role or permission guard runs for this route' });
}

/** Library tag of the chain entry that says a whitelisting ValidationPipe strips the body. */
export const NEST_WHITELISTING_PIPE = 'nestjs-validation-pipe';

/**
 * A ValidationPipe with whitelist: true that reaches every whole-body DTO parameter of the
 * handler: only the DTO's declared properties survive it, so writing the body whole is not
 * mass assignment (interfaces, `any` and entities are not whitelisted and get no entry).
 */
function whitelistingPipe(model: NestModel, route: NestRoute): ChainEntry | undefined {
  const bodies = route.params.filter((p) => p.decorator === 'Body' && p.key === undefined);
  if (!bodies.length) return undefined;
  let at: ChainEntry['at'] | undefined;
  for (const b of bodies) {
    if (bodyType(model.workspace, route.file, b).kind !== 'dto') return undefined;
    const pipe = pipesFor(model, route, b).find((p) => p.whitelist === true);
    if (!pipe) return undefined;
    at ??= { file: pipe.file.path, range: { start: pipe.expr.getStart(pipe.file.sourceFile), end: pipe.expr.getEnd() } };
  }
  return {
    kind: 'validation', name: 'ValidationPipe({ whitelist: true })', library: NEST_WHITELISTING_PIPE,
    evidence: `ValidationPipe with whitelist: true strips every property the DTO of ${bodies.map((b) => `@Body() ${b.name}`).join(', ')} does not declare`,
    at: at!, via: 'app',
  };
}
