/**
 * The rule registry: every rule file, imported explicitly (a meta-test checks that this list
 * equals the files in rules/openapi and rules/code, and that ids equal file names).
 */
import routeWithoutAuthentication from './code/route-without-authentication';
import specHttpBasicAuth from './openapi/spec-http-basic-auth';
import specOperationWithoutSecurity from './openapi/spec-operation-without-security';
import specServerPlainHttp from './openapi/spec-server-plain-http';
import type { Rule } from './rule';
import driftAuthUndocumented from './workspace/drift-auth-undocumented';
import driftDeprecatedImplemented from './workspace/drift-deprecated-implemented';
import driftSecurityNotEnforced from './workspace/drift-security-not-enforced';
import driftUndocumentedRoute from './workspace/drift-undocumented-route';
import driftUnimplementedOperation from './workspace/drift-unimplemented-operation';

export const ALL_RULES: readonly Rule[] = [
  specOperationWithoutSecurity,
  specServerPlainHttp,
  specHttpBasicAuth,
  routeWithoutAuthentication,
  driftSecurityNotEnforced,
  driftUndocumentedRoute,
  driftUnimplementedOperation,
  driftDeprecatedImplemented,
  driftAuthUndocumented,
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
