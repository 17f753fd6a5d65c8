/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * - Every rule that ran is described in `tool.driver.rules` (description, help text and markdown,
 *   helpUri = the docs page, default level, GitHub `security-severity`), with OWASP and CWE both
 *   as tags (what GitHub shows) and as taxa (what the standard defines), linked by relationships.
 * - Results carry stable `partialFingerprints` (see fingerprint.ts), so code scanning keeps
 *   tracking an alert when lines move.
 * - Suppressed findings stay in the log with `suppressions` (inSource with its justification,
 *   or external for the baseline), as SARIF intends, instead of disappearing.
 * - Columns are UTF-16 code units, declared in `columnKind`; paths are relative to the report
 *   root, declared as the `%SRCROOT%` base.
 */
import type * as Sarif from 'sarif';
import type { OwaspCategory, Severity } from '../types';
import { OWASP_TOP10_2023, OWASP_TOP10_URL, cweUrl, owaspUrl } from './owasp';
import type { Report, RuleInfo } from './model';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'apiWarden/v1';
const OWASP_TAXONOMY = 'OWASP API Security Top 10';
const CWE_TAXONOMY = 'CWE';
const INFORMATION_URI = 'https://github.com/api-warden/api-warden';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** GitHub maps security-severity to critical (≥9), high (≥7), medium (≥4) and low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0', hint: '1.0' };

export function formatSarif(report: Report): string {
  return JSON.stringify(toSarif(report), null, 2) + '\n';
}

export function toSarif(report: Report): Sarif.Log {
  const all = [...report.findings, ...report.suppressedFindings];
  const owaspUsed = [...new Set([...report.rules.flatMap((r) => r.owasp), ...all.flatMap((f) => f.owasp)])].sort(byOwasp);
  const cweUsed = [...new Set([...report.rules.flatMap((r) => r.cwe ?? []), ...all.flatMap((f) => f.cwe ?? [])])].sort((a, b) => a - b);
  const taxonomies: Sarif.ToolComponent[] = [
    {
      name: OWASP_TAXONOMY,
      version: '2023',
      organization: 'OWASP',
      informationUri: OWASP_TOP10_URL,
      shortDescription: { text: 'OWASP API Security Top 10 (2023)' },
      taxa: owaspUsed.map((c) => ({ id: c, name: OWASP_TOP10_2023[c].name, helpUri: owaspUrl(c), shortDescription: { text: OWASP_TOP10_2023[c].name } })),
    },
    {
      name: CWE_TAXONOMY,
      organization: 'MITRE',
      informationUri: 'https://cwe.mitre.org/',
      shortDescription: { text: 'Common Weakness Enumeration' },
      taxa: cweUsed.map((n) => ({ id: String(n), name: `CWE-${n}`, helpUri: cweUrl(n) })),
    },
  ];
  const taxonRef = (taxonomy: 0 | 1, id: string): Sarif.ReportingDescriptorReference => {
    const index = (taxonomies[taxonomy].taxa ?? []).findIndex((t) => t.id === id);
    return { id, index, toolComponent: { name: taxonomies[taxonomy].name, index: taxonomy } };
  };

  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i] as const));
  const rules = report.rules.map((r) => toRule(r, taxonRef));

  const results = all.map<Sarif.Result>((f) => {
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(f.file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: f.range.start.line,
              startColumn: f.range.start.column,
              endLine: f.range.end.line,
              endColumn: f.range.end.column,
            },
          },
          ...(f.operation ? { logicalLocations: [{ name: `${f.operation.method} ${f.operation.path}`, kind: 'function' }] } : {}),
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      taxa: [...f.owasp.map((c) => taxonRef(0, c)), ...(f.cwe ?? []).map((n) => taxonRef(1, String(n)))],
      properties: {
        owasp: f.owasp,
        ...(f.operation ? { operation: f.operation } : {}),
      },
    };
    if (f.suppressed) {
      result.suppressions = [
        {
          kind: f.suppressed.kind === 'baseline' ? 'external' : 'inSource',
          status: 'accepted',
          ...(f.suppressed.reason ? { justification: f.suppressed.reason } : {}),
        },
      ];
    }
    if (report.baseline) {
      result.baselineState = f.suppressed?.kind === 'baseline' ? 'unchanged' : 'new';
    }
    return result;
  });

  const notifications: Sarif.Notification[] = report.failures.map((failure) => ({
    level: 'error',
    message: { text: `Rule ${failure.ruleId} crashed: ${failure.message}` },
    associatedRule: { id: failure.ruleId, ...(ruleIndex.has(failure.ruleId) ? { index: ruleIndex.get(failure.ruleId) } : {}) },
    ...(failure.file.startsWith('<')
      ? {}
      : { locations: [{ physicalLocation: { artifactLocation: { uri: toUri(relativeTo(report.root, failure.file)), uriBaseId: '%SRCROOT%' } } }] }),
  }));

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'API Warden',
            semanticVersion: report.tool.version,
            version: report.tool.version,
            informationUri: INFORMATION_URI,
            rules,
            supportedTaxonomies: taxonomies.map((t, index) => ({ name: t.name, index })),
          },
        },
        taxonomies,
        originalUriBaseIds: { '%SRCROOT%': { uri: toFileUri(report.root) } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: report.failures.length === 0 && !report.summary.cancelled, toolExecutionNotifications: notifications }],
        results,
        properties: { score: report.summary.score.score },
      },
    ],
  };
}

function toRule(r: RuleInfo, taxonRef: (taxonomy: 0 | 1, id: string) => Sarif.ReportingDescriptorReference): Sarif.ReportingDescriptor {
  const tags = ['security', ...r.owasp.map((c) => `OWASP-${c}`), ...(r.cwe ?? []).map((n) => `external/cwe/cwe-${n}`)];
  const taxonomyLine = [
    ...r.owasp.map((c) => `OWASP ${c} ${OWASP_TOP10_2023[c].name}`),
    ...(r.cwe ?? []).map((n) => `CWE-${n}`),
  ].join(' · ');
  const text = [r.description, taxonomyLine, r.docsUrl ? `Documentation: ${r.docsUrl}` : ''].filter(Boolean).join('\n\n');
  const markdown =
    r.helpMarkdown ??
    [
      r.description,
      [...r.owasp.map((c) => `[${c} ${OWASP_TOP10_2023[c].name}](${owaspUrl(c)})`), ...(r.cwe ?? []).map((n) => `[CWE-${n}](${cweUrl(n)})`)].join(' · '),
      r.docsUrl ? `[Documentation](${r.docsUrl})` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  return {
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    help: { text, markdown },
    ...(r.docsUrl ? { helpUri: r.docsUrl } : {}),
    defaultConfiguration: { level: LEVEL[r.severity], enabled: true },
    relationships: [
      ...r.owasp.map((c) => ({ target: taxonRef(0, c), kinds: ['relevant'] })),
      ...(r.cwe ?? []).map((n) => ({ target: taxonRef(1, String(n)), kinds: ['relevant'] })),
    ],
    properties: {
      tags,
      precision: 'high',
      'problem.severity': r.severity === 'error' ? 'error' : r.severity === 'warning' ? 'warning' : 'recommendation',
      'security-severity': SECURITY_SEVERITY[r.severity],
    },
  };
}

function byOwasp(a: OwaspCategory, b: OwaspCategory): number {
  return Number(a.slice(3).split(':')[0]) - Number(b.slice(3).split(':')[0]);
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase());
}

/** A relative path as a URI reference: each segment percent-encoded. */
function toUri(relative: string): string {
  // A lone surrogate (a broken name from an editor URI) would make encodeURIComponent throw
  // and lose the whole report: it becomes U+FFFD.
  const wellFormed = relative.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return wellFormed.split('/').map(encodeURIComponent).join('/');
}

function toFileUri(absolute: string): string {
  const p = absolute.startsWith('/') ? absolute : `/${absolute}`;
  return `file://${toUri(p).replace(/^\/([a-zA-Z])%3A/, '/$1:')}${p.endsWith('/') ? '' : '/'}`;
}

function relativeTo(root: string, file: string): string {
  const r = root.endsWith('/') ? root : root + '/';
  return file.startsWith(r) ? file.slice(r.length) : file;
}

