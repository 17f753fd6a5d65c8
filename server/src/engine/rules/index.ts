/**
 * The rule registry: every rule file, imported explicitly (a meta-test checks that this list
 * equals the files in rules/openapi and rules/code, and that ids equal file names).
 */
import routeWithoutAuthentication from './code/route-without-authentication';
import specHttpBasicAuth from './openapi/spec-http-basic-auth';
import specOperationWithoutSecurity from './openapi/spec-operation-without-security';
import specServerPlainHttp from './openapi/spec-server-plain-http';
import type { Rule } from './rule';

export const ALL_RULES: readonly Rule[] = [
  specOperationWithoutSecurity,
  specServerPlainHttp,
  specHttpBasicAuth,
  routeWithoutAuthentication,
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
