/** Builds a Report from an in-memory workspace, the way the CLI does from disk. */
import { createEngine, MemoryFileSystem, docsUrl, ruleById, type Rule } from '../../../server/src/engine';
import type { EngineSettings } from '../../../server/src/engine/settings';
import { buildReport, type Report } from '../../../server/src/engine/report/model';

export const ROOT = '/ws';

/** The report tests pin the foundation rules, so rules added later do not change their expectations. */
export const REPORT_TEST_RULES: readonly Rule[] = ['spec-operation-without-security', 'spec-server-plain-http', 'spec-http-basic-auth', 'route-without-authentication'].map((id) => {
  const rule = ruleById(id);
  if (!rule) throw new Error(`rule ${id} is not registered`);
  return rule;
});

export async function auditReport(
  files: Record<string, string>,
  options: { settings?: Partial<EngineSettings>; rules?: readonly Rule[]; baseline?: Set<string> } = {},
): Promise<Report> {
  const abs: Record<string, string> = {};
  for (const [p, t] of Object.entries(files)) abs[`${ROOT}/${p}`] = t;
  const engine = createEngine({ fs: new MemoryFileSystem(abs), roots: [ROOT], settings: options.settings, rules: options.rules ?? REPORT_TEST_RULES });
  const result = await engine.audit();
  return buildReport(result, {
    root: ROOT,
    readFile: (f) => engine.readFile(f),
    tool: { name: 'api-warden', version: '9.9.9' },
    rules: engine.rules,
    baseline: options.baseline,
    docsUrl,
  });
}
