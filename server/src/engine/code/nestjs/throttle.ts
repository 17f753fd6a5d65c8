/**
 * Rate limiting with @nestjs/throttler as it applies to one route: whether a ThrottlerGuard runs
 * (APP_GUARD, useGlobalGuards, @UseGuards), whether @SkipThrottle turns it off, whether the
 * module is set up at all; and the quick fixes that turn it on for a handler.
 */
import type { Operation } from '../../model/operation';
import type { Fix } from '../../types';
import type { NestModel } from './extract';
import { decoratorEdit, importEdits } from './fixes';
import { decoratorName, decoratorsOf } from './syntax';

export interface NestRateLimitFacts {
  evidence: string;
  fixes: Fix[];
}

/** A strict default for credential flows: five attempts a minute. */
const STRICT = '{ default: { limit: 5, ttl: 60000 } }';

export function nestRateLimitFacts(model: NestModel, op: Operation): NestRateLimitFacts | undefined {
  const route = model.routeOf(op);
  if (!route) return undefined;
  const throttlers = route.guards.filter((g) => g.guard.kind === 'throttle' && !g.conditional);
  const setUp = model.modules.some((m) => m.importsThrottler);
  const fixes: Fix[] = [];
  if (route.skipThrottle && throttlers.length) {
    const skip = decoratorsOf(route.method).find((d) => decoratorName(d) === 'SkipThrottle');
    if (skip) {
      const sf = route.file.sourceFile;
      const start = skip.getStart(sf);
      let end = skip.getEnd();
      while (end < sf.text.length && /[ \t]/.test(sf.text[end])) end++;
      if (sf.text[end] === '\r') end++;
      if (sf.text[end] === '\n') end++;
      const lineStart = sf.text.lastIndexOf('\n', start - 1) + 1;
      const wholeLine = /^[ \t]*$/.test(sf.text.slice(lineStart, start));
      fixes.push({ title: 'Rate limit: remove @SkipThrottle() from this handler', edits: [{ file: route.file.path, range: { start: wholeLine ? lineStart : start, end }, newText: '' }] });
    }
    const where = throttlers.map((g) => `${g.guard.name} (${g.where})`).join(', ');
    return { evidence: `@SkipThrottle() turns off ${where} for it`, fixes };
  }
  if (!throttlers.length && setUp) {
    const edit = decoratorEdit(route.file, route.method, `UseGuards(ThrottlerGuard)`);
    const indent = edit.newText.slice(edit.newText.search(/\r?\n/)).replace(/^\r?\n/, '');
    const eol = edit.newText.includes('\r\n') ? '\r\n' : '\n';
    fixes.push({
      title: 'Rate limit: add @UseGuards(ThrottlerGuard) and @Throttle(5 per minute) to this handler',
      edits: [
        { ...edit, newText: `@UseGuards(ThrottlerGuard)${eol}${indent}@Throttle(${STRICT})${eol}${indent}` },
        ...importEdits(route.file, [
          { name: 'UseGuards', from: { spec: '@nestjs/common' } },
          { name: 'Throttle', from: { spec: '@nestjs/throttler' } },
          { name: 'ThrottlerGuard', from: { spec: '@nestjs/throttler' } },
        ]),
      ],
    });
  }
  const guards = route.guards.length ? `the guards that run (${[...new Set(route.guards.map((g) => g.guard.name))].join(', ')}) do not limit rates` : 'no guard runs for it';
  return { evidence: `no ThrottlerGuard: not under APP_GUARD, no @UseGuards(ThrottlerGuard); ${guards}${setUp ? '' : '; @nestjs/throttler is not set up (no ThrottlerModule)'}`, fixes };
}
