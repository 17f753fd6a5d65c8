/**
 * What names in a spec say about the data they carry. Matching works on words (`imageURL`,
 * `image_url` and `image-url` are all `image url`), mostly on the *last* word, so that
 * `password` and `new_password` match while `password_changed_at` and `has_password` do not.
 */

const wordCache = new Map<string, string[]>();

/** `redirectURI_v2` -> ['redirect', 'uri', 'v2'] (memoised: the same property names recur thousands of times). */
export function words(name: string): string[] {
  let w = wordCache.get(name);
  if (!w) {
    if (wordCache.size > 50_000) wordCache.clear();
    w = split(name);
    wordCache.set(name, w);
  }
  return w;
}

function split(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const last = (w: string[]) => w[w.length - 1] ?? '';
const compact = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export type SecretKind = 'password' | 'secret' | 'token' | 'apiKey' | 'session';

/** Words that make a `…token` a position in a list, not a credential. */
const NOT_CREDENTIAL = new Set(['page', 'next', 'prev', 'previous', 'continuation', 'cursor', 'pagination', 'sync', 'resume', 'start', 'starting', 'after', 'before', 'idempotency', 'csrf', 'etag', 'count', 'type', 'lifetime', 'expires']);

/**
 * A classifier of names memoised by name: rules ask it for every property of every schema, and
 * real documents repeat the same few thousand names (Stripe: 15,000 schema nodes).
 */
function memoised<T>(classify: (name: string) => T | undefined): (name: string) => T | undefined {
  const cache = new Map<string, T | null>();
  return (name) => {
    const known = cache.get(name);
    if (known !== undefined) return known ?? undefined;
    if (cache.size > 50_000) cache.clear();
    const result = classify(name);
    cache.set(name, result ?? null);
    return result;
  };
}

/** A name that holds a credential: passwords, secrets, private keys, tokens, API keys, session ids. */
export const secretKind = memoised(secretKindOf);

function secretKindOf(name: string): SecretKind | undefined {
  const w = words(name);
  const l = last(w);
  if (w.some((x) => NOT_CREDENTIAL.has(x))) return undefined;
  const c = compact(name);
  if (['password', 'passwd', 'passphrase', 'pwd'].includes(l) || (['hash', 'digest', 'salt'].includes(l) && w.some((x) => x === 'password' || x === 'passwd'))) return 'password';
  if (l === 'secret' || (l === 'key' && (w.includes('private') || w.includes('secret') || w.includes('signing')))) return 'secret';
  if (c === 'apikey' || c === 'xapikey' || (l === 'key' && w[w.length - 2] === 'api') || l === 'apikey') return 'apiKey';
  if (l === 'token' || l === 'jwt' || c === 'accesstoken' || c === 'bearer') return 'token';
  if (c === 'sessionid' || c === 'session' || c === 'sessionkey' || c === 'sessiontoken') return 'session';
  return undefined;
}

export type PersonalKind = 'government-id' | 'card' | 'bank';

/** Personal data that must not leak: government ids, card numbers and codes, bank account numbers. */
export const personalKind = memoised(personalKindOf);

function personalKindOf(name: string): PersonalKind | undefined {
  const c = compact(name);
  if (['ssn', 'socialsecuritynumber', 'socialsecurity', 'nationalid', 'nationalidnumber', 'nationalidentifier', 'passportnumber', 'driverslicensenumber', 'driverlicensenumber', 'taxpayerid', 'sin', 'nino'].includes(c)) return 'government-id';
  if (['cardnumber', 'creditcardnumber', 'creditcard', 'ccnumber', 'pan', 'cvv', 'cvc', 'cvv2', 'cvc2', 'cardcvc', 'cardcvv', 'cardsecuritycode', 'securitycode'].includes(c)) return 'card';
  if (['iban', 'bankaccountnumber', 'accountnumber'].includes(c)) return 'bank';
  return undefined;
}

/**
 * Request fields a server may fetch or redirect to: `strong` names say so on their own
 * (`imageUrl`, `webhook`, `redirect_uri`); `weak` ones (`target`, `host`, `endpoint`) also name
 * other things and need evidence (a URL format, a description or example that mentions URLs).
 */
export const carriesUrl = memoised(carriesUrlOf);

function carriesUrlOf(name: string): 'strong' | 'weak' | undefined {
  const w = words(name);
  const l = last(w);
  if (['url', 'uri', 'urls', 'uris', 'href', 'webhook', 'webhooks', 'callback', 'redirect'].includes(l)) return 'strong';
  if (w.includes('webhook') || w.includes('callback') || (w.includes('redirect') && (l === 'to' || l === 'uri' || l === 'url'))) return 'strong';
  if (['endpoint', 'hostname', 'host', 'target', 'origin', 'server'].includes(l)) return 'weak';
  return undefined;
}

/** Query parameters that set a page size. */
export function isPageSize(name: string): boolean {
  const c = compact(name);
  return ['limit', 'perpage', 'pagesize', 'size', 'count', 'top', 'maxresults', 'maxitems', 'pagelimit', 'first', 'last', 'take', 'rows', 'maxpagesize', 'numresults', 'resultsperpage', 'itemsperpage'].includes(c)
    || /^page\[?(size|limit)\]?$/.test(name.toLowerCase());
}

/** Path/tag words of administrative functions. */
const ADMIN_WORDS = new Set(['admin', 'admins', 'administration', 'administrator', 'administrators', 'internal', 'manage', 'management', 'superuser', 'sudo', 'backoffice', 'staff', 'impersonate', 'impersonation']);
/** Path words of privilege changes. */
const PRIVILEGE_WORDS = new Set(['role', 'roles', 'permission', 'permissions', 'privilege', 'privileges', 'grant', 'grants', 'acl', 'acls']);

export function isAdminWord(segment: string): boolean {
  return words(segment).some((w) => ADMIN_WORDS.has(w));
}

export function isPrivilegeWord(segment: string): boolean {
  return words(segment).some((w) => PRIVILEGE_WORDS.has(w));
}

export type SensitiveFlow = 'sign-up' | 'login' | 'password-reset' | 'verification' | 'checkout' | 'redemption' | 'transfer';

const FLOW_WORDS: [SensitiveFlow, RegExp][] = [
  ['password-reset', /^(password|passwords)?(reset|forgot|recover|recovery)(password)?$/],
  ['sign-up', /^(signup|register|registration|registrations|signups|enroll|enrollment)$/],
  ['login', /^(login|logins|signin|authenticate|authentication|session|sessions|logon)$/],
  ['verification', /^(otp|mfa|2fa|twofactor|verify|verification|verifications|confirm|confirmation|totp)$/],
  ['checkout', /^(checkout|checkouts|purchase|purchases)$/],
  ['redemption', /^(coupon|coupons|voucher|vouchers|redeem|redemption|redemptions|promo|promocode|giftcard|giftcards)$/],
  ['transfer', /^(transfer|transfers|payout|payouts|withdraw|withdrawal|withdrawals|remittance)$/],
];

/** The sensitive business flow a path segment (or operationId) names. */
export const sensitiveFlow = memoised(sensitiveFlowOf);

function sensitiveFlowOf(text: string): SensitiveFlow | undefined {
  const w = words(text);
  // `registration-token`, `reset-key`: credentials of machines, not a user flow.
  if (w.some((x) => x === 'token' || x === 'tokens' || x === 'key' || x === 'keys')) return undefined;
  const joined = w.join('');
  for (const [flow, re] of FLOW_WORDS) if (re.test(joined) || w.some((x) => re.test(x))) return flow;
  // Two-word forms: sign up, sign in, log in, forgot password, reset password.
  for (let i = 0; i + 1 < w.length; i++) {
    const pair = w[i] + w[i + 1];
    for (const [flow, re] of FLOW_WORDS) if (re.test(pair)) return flow;
    if ((pair === 'resetpassword' || pair === 'forgotpassword' || pair === 'passwordreset')) return 'password-reset';
  }
  return undefined;
}
