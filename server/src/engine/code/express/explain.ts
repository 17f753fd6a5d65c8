/**
 * Why the project's authentication does not reach a route: registered after it, mounted under
 * another path, restricted to other methods, used on other routers, or used route by route
 * elsewhere. This is what makes a missing-auth finding actionable.
 */
import type { Applied, ExpressModel, RouteRecord } from './link';
import { covers, render } from './paths';

function isPrefix(a: readonly number[], b: readonly number[]): boolean {
  return a.length <= b.length && a.every((x, i) => b[i] === x);
}

/** Why a route misses the project's authentication, most telling first. */
export type NearMissReason = 'registered-after' | 'other-method' | 'other-path' | 'other-router' | 'route-by-route';
const REASONS: NearMissReason[] = ['registered-after', 'other-method', 'other-path', 'other-router', 'route-by-route'];

export function explainMissing(r: RouteRecord, model: ExpressModel, base: string): string {
  // one reason per middleware, the most telling first: registered too late, other methods, other paths, elsewhere
  const best = new Map<string, { rank: number; text: string; order: number }>();
  const kinds = new Set<NearMissReason>();
  let order = 0;
  const say = (name: string, text: string, rank = 3): void => {
    const b = best.get(name);
    if (!b || rank < b.rank) best.set(name, { rank, text, order: b?.order ?? order++ });
    kinds.add(REASONS[Math.min(rank, REASONS.length - 1)]);
  };
  const authUses = model.applied.filter((a) => a.entry.kind === 'authentication' || a.entry.kind === 'authorization');
  const inChain = new Set(r.facts.chain.map((e) => e.at.file + ':' + e.at.range.start));
  for (const a of authUses) {
    if (inChain.has(a.entry.at.file + ':' + a.entry.at.range.start)) continue;
    const name = a.entry.name;
    if (isPrefix(a.lineage, r.lineage)) {
      const m = covers(a.scope, r.full, a.prefix);
      if (a.method && a.method !== 'all' && a.method !== r.method) {
        say(name, `\`${name}\` applies only to ${a.method.toUpperCase()} requests`, 1);
      } else if (m !== 'no' && a.seq > r.seq) {
        say(name, `the project's authentication \`${name}\` (${a.where}) is registered after this route, so it does not run for it`, 0);
      } else if (m === 'no') {
        say(name, `the project's authentication \`${name}\` (${a.where}) applies only under ${render(a.scope)}`, 2);
      }
    } else {
      say(name, `the project's authentication \`${name}\` (${a.where}) is used only on another app or router (${render(a.scope)})`, 3);
    }
  }
  for (const [name, u] of model.routeLevelAuth) {
    // a role check used elsewhere explains nothing about missing authentication when auth itself was found
    if (best.has(name) || (u.info.kind === 'authorization' && best.size > 0)) continue;
    say(name, `\`${name}\` protects ${u.count} other route${u.count === 1 ? '' : 's'} but not this one`, 4);
  }
  const reasons = [...best.values()].sort((a, b) => a.rank - b.rank || a.order - b.order).slice(0, 2).map((b) => b.text);
  if (authUses.length === 0 && model.routeLevelAuth.size === 0) reasons.push('the project has no authentication middleware that API Warden recognises');
  r.facts.nearMiss = REASONS.filter((k) => kinds.has(k));
  return [base, ...reasons].join('; ');
}
