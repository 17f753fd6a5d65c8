/**
 * Routes that are public by design: the configured `publicRoutes` patterns plus a small built-in
 * list (health checks, docs, login itself). Patterns use `*` for one segment, `**` for any rest.
 */
import { routePatternMatches } from '../util/wildcard';

const BUILT_IN = ['/health', '/healthz', '/ready', '/readyz', '/live', '/livez', '/ping', '/status', '/metrics'];

// Probes are public under any prefix too (`/api/health`, `/v1/status`).
const BUILT_IN_PATTERNS = [...BUILT_IN, ...BUILT_IN.map((p) => '/**' + p)];

export function isPublicRoute(path: string, patterns: readonly string[]): boolean {
  // Not regular expressions: configured patterns such as /a*a*a*a*a*b would backtrack for minutes.
  return [...BUILT_IN_PATTERNS, ...patterns].some((p) => routePatternMatches(p, path));
}

/**
 * Routes that exist to obtain credentials (log in, sign up, reset a password, OAuth callbacks):
 * they cannot require authentication, though they need rate limits.
 */
const AUTH_FLOW = /(^|\/)(login|log-in|signin|sign-in|sign_in|signup|sign-up|sign_up|register|registration|logout|log-out|signout|sign-out|token|tokens|refresh|refresh-token|forgot|forgot-password|forgotpassword|reset|reset-password|resetpassword|password-reset|verify|verify-email|confirm|activate|otp|mfa|2fa|magic-link|callback|oauth|oauth2|sso|saml|authorize|sessions)(\/|$)/i;

export function isAuthFlowRoute(path: string): boolean {
  return AUTH_FLOW.test(path);
}
