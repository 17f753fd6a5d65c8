/** The OWASP API Security Top 10 (2023) categories: names and links for reports and SARIF taxa. */
import type { OwaspCategory } from '../types';

export const OWASP_TOP10_2023: Readonly<Record<OwaspCategory, { name: string; slug: string }>> = {
  'API1:2023': { name: 'Broken Object Level Authorization', slug: '0xa1-broken-object-level-authorization' },
  'API2:2023': { name: 'Broken Authentication', slug: '0xa2-broken-authentication' },
  'API3:2023': { name: 'Broken Object Property Level Authorization', slug: '0xa3-broken-object-property-level-authorization' },
  'API4:2023': { name: 'Unrestricted Resource Consumption', slug: '0xa4-unrestricted-resource-consumption' },
  'API5:2023': { name: 'Broken Function Level Authorization', slug: '0xa5-broken-function-level-authorization' },
  'API6:2023': { name: 'Unrestricted Access to Sensitive Business Flows', slug: '0xa6-unrestricted-access-to-sensitive-business-flows' },
  'API7:2023': { name: 'Server Side Request Forgery', slug: '0xa7-server-side-request-forgery' },
  'API8:2023': { name: 'Security Misconfiguration', slug: '0xa8-security-misconfiguration' },
  'API9:2023': { name: 'Improper Inventory Management', slug: '0xa9-improper-inventory-management' },
  'API10:2023': { name: 'Unsafe Consumption of APIs', slug: '0xaa-unsafe-consumption-of-apis' },
};

export const OWASP_TOP10_URL = 'https://owasp.org/API-Security/editions/2023/en/0x11-t10/';

export function owaspUrl(category: OwaspCategory): string {
  return `https://owasp.org/API-Security/editions/2023/en/${OWASP_TOP10_2023[category].slug}/`;
}

export function owaspName(category: OwaspCategory): string {
  return OWASP_TOP10_2023[category].name;
}

export function cweUrl(cwe: number): string {
  return `https://cwe.mitre.org/data/definitions/${cwe}.html`;
}
