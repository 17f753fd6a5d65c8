/**
 * The rule registry: every rule file, imported explicitly (a meta-test checks that this list
 * equals the files in rules/openapi and rules/code, and that ids equal file names).
 */
import authRouteWithoutRateLimit from './code/auth-route-without-rate-limit';
import codeInjection from './code/code-injection';
import commandInjection from './code/command-injection';
import corsPermissiveOrigin from './code/cors-permissive-origin';
import debugRouteExposed from './code/debug-route-exposed';
import errorDetailsExposed from './code/error-details-exposed';
import hardcodedSigningSecret from './code/hardcoded-signing-secret';
import jwtInsecureVerification from './code/jwt-insecure-verification';
import nosqlInjection from './code/nosql-injection';
import requestBodyMassAssignment from './code/request-body-mass-assignment';
import routeMissingOwnershipCheck from './code/route-missing-ownership-check';
import routeMissingRoleCheck from './code/route-missing-role-check';
import serverSideRequestForgery from './code/server-side-request-forgery';
import sqlInjection from './code/sql-injection';
import routeWithoutAuthentication from './code/route-without-authentication';
import specHttpBasicAuth from './openapi/spec-http-basic-auth';
import specOperationWithoutSecurity from './openapi/spec-operation-without-security';
import specServerPlainHttp from './openapi/spec-server-plain-http';
import specApiKeyInUrl from './openapi/spec-api-key-in-url';
import specAuthUrlPlainHttp from './openapi/spec-auth-url-plain-http';
import specBearerFormatUndocumented from './openapi/spec-bearer-format-undocumented';
import specCredentialInUrl from './openapi/spec-credential-in-url';
import specEnumerableObjectId from './openapi/spec-enumerable-object-id';
import specLegacyHttpAuthScheme from './openapi/spec-legacy-http-auth-scheme';
import specOauthInsecureFlow from './openapi/spec-oauth-insecure-flow';
import specObjectLevelWithoutSecurity from './openapi/spec-object-level-without-security';
import specUndefinedSecurityScheme from './openapi/spec-undefined-security-scheme';
import specUnusedSecurityScheme from './openapi/spec-unused-security-scheme';
import specOpenRequestBody from './openapi/spec-open-request-body';
import specSensitiveDataInResponse from './openapi/spec-sensitive-data-in-response';
import specWritableServerOwnedProperty from './openapi/spec-writable-server-owned-property';
import specArrayWithoutMaxItems from './openapi/spec-array-without-max-items';
import specIntegerWithoutBounds from './openapi/spec-integer-without-bounds';
import specMissingRateLimitResponse from './openapi/spec-missing-rate-limit-response';
import specPaginationWithoutMaximum from './openapi/spec-pagination-without-maximum';
import specStringWithoutMaxLength from './openapi/spec-string-without-max-length';
import specUploadWithoutSizeLimit from './openapi/spec-upload-without-size-limit';
import specAdminOperationSameSecurity from './openapi/spec-admin-operation-same-security';
import specCallbackUrlFromRequest from './openapi/spec-callback-url-from-request';
import specDeprecatedOperation from './openapi/spec-deprecated-operation';
import specErrorExposesInternals from './openapi/spec-error-exposes-internals';
import specInsecureUpstreamIntegration from './openapi/spec-insecure-upstream-integration';
import specMissingApiVersion from './openapi/spec-missing-api-version';
import specMissingAuthErrorResponses from './openapi/spec-missing-auth-error-responses';
import specMultipleApiVersions from './openapi/spec-multiple-api-versions';
import specNonProductionServer from './openapi/spec-non-production-server';
import specSensitiveFlowWithoutProtection from './openapi/spec-sensitive-flow-without-protection';
import specUrlInput from './openapi/spec-url-input';
import specWebhookWithoutAuthentication from './openapi/spec-webhook-without-authentication';
import specUnresolvedReference from './openapi/spec-unresolved-reference';
import specInvalidStructure from './openapi/spec-invalid-structure';
import nestRequestBodyNotWhitelisted from './code/nest-request-body-not-whitelisted';
import nestIneffectiveGuard from './code/nest-ineffective-guard';
import nestApiAuthWithoutGuard from './code/nest-api-auth-without-guard';
import nestCorsPermissiveOrigin from './code/nest-cors-permissive-origin';
import nestExceptionFilterLeaksStack from './code/nest-exception-filter-leaks-stack';
import nestSwaggerExposed from './code/nest-swagger-exposed';
import type { Rule } from './rule';
import driftAuthUndocumented from './workspace/drift-auth-undocumented';
import driftBodyNotWhitelisted from './workspace/drift-body-not-whitelisted';
import driftDeprecatedImplemented from './workspace/drift-deprecated-implemented';
import driftInputLimitMismatch from './workspace/drift-input-limit-mismatch';
import driftSecurityNotEnforced from './workspace/drift-security-not-enforced';
import driftUndocumentedRoute from './workspace/drift-undocumented-route';
import driftUnimplementedOperation from './workspace/drift-unimplemented-operation';

export const ALL_RULES: readonly Rule[] = [
  specOperationWithoutSecurity,
  specServerPlainHttp,
  specHttpBasicAuth,
  // OpenAPI: API1 object-level authorization, API2 authentication
  specObjectLevelWithoutSecurity,
  specEnumerableObjectId,
  specUndefinedSecurityScheme,
  specUnusedSecurityScheme,
  specLegacyHttpAuthScheme,
  specApiKeyInUrl,
  specCredentialInUrl,
  specOauthInsecureFlow,
  specAuthUrlPlainHttp,
  specBearerFormatUndocumented,
  // OpenAPI: API3 object property level authorization
  specOpenRequestBody,
  specWritableServerOwnedProperty,
  specSensitiveDataInResponse,
  // OpenAPI: API4 unrestricted resource consumption
  specStringWithoutMaxLength,
  specArrayWithoutMaxItems,
  specIntegerWithoutBounds,
  specPaginationWithoutMaximum,
  specUploadWithoutSizeLimit,
  specMissingRateLimitResponse,
  // OpenAPI: API5 function level authorization, API6 business flows, API7 SSRF
  specAdminOperationSameSecurity,
  specSensitiveFlowWithoutProtection,
  specUrlInput,
  specCallbackUrlFromRequest,
  // OpenAPI: API8 misconfiguration (plus spec-server-plain-http), API9 inventory, API10 unsafe consumption
  specMissingAuthErrorResponses,
  specErrorExposesInternals,
  specMultipleApiVersions,
  specDeprecatedOperation,
  specNonProductionServer,
  specMissingApiVersion,
  specWebhookWithoutAuthentication,
  specInsecureUpstreamIntegration,
  // OpenAPI: the document itself
  specUnresolvedReference,
  specInvalidStructure,
  routeWithoutAuthentication,
  routeMissingOwnershipCheck,
  routeMissingRoleCheck,
  requestBodyMassAssignment,
  serverSideRequestForgery,
  authRouteWithoutRateLimit,
  sqlInjection,
  nosqlInjection,
  commandInjection,
  codeInjection,
  corsPermissiveOrigin,
  errorDetailsExposed,
  debugRouteExposed,
  jwtInsecureVerification,
  hardcodedSigningSecret,
  nestRequestBodyNotWhitelisted,
  nestIneffectiveGuard,
  nestApiAuthWithoutGuard,
  nestCorsPermissiveOrigin,
  nestExceptionFilterLeaksStack,
  nestSwaggerExposed,
  driftSecurityNotEnforced,
  driftUndocumentedRoute,
  driftUnimplementedOperation,
  driftDeprecatedImplemented,
  driftAuthUndocumented,
  driftBodyNotWhitelisted,
  driftInputLimitMismatch,
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
