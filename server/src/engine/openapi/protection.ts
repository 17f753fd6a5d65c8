/**
 * What a spec can say about rate limiting and anti-automation for an operation: a documented
 * 429, rate-limit or Retry-After headers, rate-limit/throttling/CAPTCHA extensions, CAPTCHA
 * inputs, or a description that states the limit.
 */
import { isObject, type JsonObject, type SpecOperation } from './document';
import type { SpecSet } from './refs';

const LIMIT_HEADER = /rate-?limit|retry-after|x-throttl/i;
const LIMIT_EXTENSION = /^x-.*(rate.?limit|throttl|quota|captcha|bot)/i;
const CAPTCHA_INPUT = /captcha|turnstile|challenge|proof.?of.?work|recaptcha|hcaptcha|arkose/i;
const LIMIT_TEXT = /rate.?limit|throttl|captcha|too many (requests|attempts)|lock(ed)? out|lockout|brute.?force|per (minute|hour|second)/i;

function extensionsOf(v: unknown): string[] {
  return isObject(v) ? Object.keys(v).filter((k) => k.startsWith('x-')) : [];
}

/** How the spec documents protection of the operation, or undefined when it does not. */
export function protectionOf(op: SpecOperation, set: SpecSet): string | undefined {
  const doc = op.doc ?? set.root;
  const v = op.value;
  const responses = isObject(v.responses) ? v.responses : {};
  if ('429' in responses) return '429 response';
  for (const status of Object.keys(responses)) {
    const r = set.resolveObject(responses[status], doc, [...op.pointer, 'responses', status]);
    if (r && isObject(r.value.headers) && Object.keys(r.value.headers).some((h) => LIMIT_HEADER.test(h))) return 'rate-limit headers';
  }
  const item = set.at(doc, op.pathItemPointer);
  for (const holder of [v, item, set.root.root]) if (extensionsOf(holder).some((k) => LIMIT_EXTENSION.test(k))) return 'extension';
  const params = [...(Array.isArray(v.parameters) ? v.parameters : []), ...(isObject(item) && Array.isArray(item.parameters) ? item.parameters : [])];
  for (const p of params) {
    const r = set.resolveObject(p, doc, op.pointer);
    if (r && typeof r.value.name === 'string' && CAPTCHA_INPUT.test(r.value.name)) return 'CAPTCHA parameter';
  }
  if (bodyHasCaptcha(op, set)) return 'CAPTCHA field';
  const text = [v.summary, v.description, isObject(item) ? item.description : undefined].filter((t): t is string => typeof t === 'string').join(' ');
  if (LIMIT_TEXT.test(text)) return 'description';
  return undefined;
}

function bodyHasCaptcha(op: SpecOperation, set: SpecSet): boolean {
  const doc = op.doc ?? set.root;
  const body = isObject(op.value.requestBody) ? set.resolveObject(op.value.requestBody, doc, [...op.pointer, 'requestBody']) : undefined;
  const schemas: JsonObject[] = [];
  if (body && isObject(body.value.content)) {
    for (const m of Object.values(body.value.content)) {
      if (isObject(m) && isObject(m.schema)) {
        const s = set.resolveObject(m.schema, body.doc, body.pointer);
        if (s) schemas.push(s.value);
      }
    }
  }
  return schemas.some((s) => isObject(s.properties) && Object.keys(s.properties).some((k) => CAPTCHA_INPUT.test(k)));
}
