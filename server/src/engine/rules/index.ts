/**
 * The rule registry: every rule file, imported explicitly (a meta-test checks that this list
 * equals the files in rules/openapi and rules/code, and that ids equal file names).
 */
import authRouteWithoutRateLimit from './code/auth-route-without-rate-limit';
import codeInjection from './code/code-injection';
import commandInjection from './code/command-injection';
import nosqlInjection from './code/nosql-injection';
import requestBodyMassAssignment from './code/request-body-mass-assignment';
import routeMissingOwnershipCheck from './code/route-missing-ownership-check';
import routeMissingRoleCheck from './code/route-missing-role-check';
import routeWithoutAuthentication from './code/route-without-authentication';
import serverSideRequestForgery from './code/server-side-request-forgery';
import sqlInjection from './code/sql-injection';
import specHttpBasicAuth from './openapi/spec-http-basic-auth';
import specOperationWithoutSecurity from './openapi/spec-operation-without-security';
import specServerPlainHttp from './openapi/spec-server-plain-http';
import nestRequestBodyNotWhitelisted from './code/nest-request-body-not-whitelisted';
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
  nestRequestBodyNotWhitelisted,
  routeMissingOwnershipCheck,
  routeMissingRoleCheck,
  requestBodyMassAssignment,
  serverSideRequestForgery,
  authRouteWithoutRateLimit,
  sqlInjection,
  nosqlInjection,
  commandInjection,
  codeInjection,
  driftSecurityNotEnforced,
  driftUndocumentedRoute,
  driftUnimplementedOperation,
  driftDeprecatedImplemented,
  driftAuthUndocumented,
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
