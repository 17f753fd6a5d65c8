/** URL facts shared by the transport and inventory rules. */
import type { Fix } from '../types';
import type { OpenApiDocument, Pointer } from './document';

const LOCAL_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|[\w.-]+\.(?:local|localhost|test|example|invalid))(:\d+)?$/i;

/** `https://user@api.example.com:8443/v1?x` -> `api.example.com:8443` */
export function hostOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0].replace(/^[^@]*@/, '');
}

/** Hosts that only exist on the developer's machine or in documentation. */
export function isLocalHost(host: string): boolean {
  return LOCAL_HOST.test(host);
}

export function isLocalUrl(url: string): boolean {
  const host = hostOf(url);
  return isLocalHost(host) || host.includes('{');
}

/** Replaces `http://` with `https://` inside the string value at `pointer` (keeps quoting). */
export function httpsFix(doc: OpenApiDocument, pointer: Pointer): Fix | undefined {
  const loc = doc.parsed.positions().locate(pointer);
  if (!loc?.exact) return undefined;
  const { start, end } = loc.value;
  const i = doc.text.slice(start, end).toLowerCase().indexOf('http://');
  if (i < 0) return undefined;
  return { title: 'Use https://', edits: [{ file: doc.file, range: { start: start + i, end: start + i + 7 }, newText: 'https://' }] };
}
