/**
 * A spec <-> code finding that stands in for a code finding (`supersedes` in its rule's meta)
 * hides it: one hole, one finding. The code finding comes back when the workspace finding is
 * not reported (rule off, or suppressed where it is).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createEngine, type Finding } from '../../../server/src/engine';
import { NodeFileSystem } from '../../../server/src/node-file-system';

const ROOT = path.resolve(__dirname, '../../../../examples/demo-shop');
const ACCOUNT = path.join(ROOT, 'src/routes/account.ts');

const onAccount = (findings: readonly Finding[]) => findings.filter((f) => f.file === ACCOUNT && !f.suppressed).map((f) => f.ruleId).sort();

describe('workspace findings that stand in for code findings', () => {
  it('the body drift hides the mass-assignment finding on the write it links, in lintFile and audit alike', async () => {
    const engine = createEngine({ fs: new NodeFileSystem(), roots: [ROOT] });
    const audit = await engine.audit();
    assert.deepStrictEqual(onAccount(audit.findings), ['drift-body-not-whitelisted']);
    const drift = audit.findings.find((f) => f.ruleId === 'drift-body-not-whitelisted' && f.file === ACCOUNT);
    assert.ok(drift?.related?.some((r) => r.file === ACCOUNT && r.message.includes('written whole')), 'the drift links the write');
    const titles = (drift?.suggestions ?? []).map((x) => x.title);
    assert.strictEqual(new Set(titles).size, titles.length, 'no fix offered twice');
    assert.deepStrictEqual(onAccount((await engine.lintFile(ACCOUNT)).findings), ['drift-body-not-whitelisted']);
  });

  it('the mass-assignment finding is back when the drift rule is off', async () => {
    const engine = createEngine({ fs: new NodeFileSystem(), roots: [ROOT], settings: { rules: { 'drift-body-not-whitelisted': 'off' } } });
    assert.deepStrictEqual(onAccount((await engine.audit()).findings), ['request-body-mass-assignment']);
    assert.deepStrictEqual(onAccount((await engine.lintFile(ACCOUNT)).findings), ['request-body-mass-assignment']);
  });

  it('the security drift stands in for route-without-authentication on the route, and offers its fixes', async () => {
    const withDrift = await createEngine({ fs: new NodeFileSystem(), roots: [ROOT] }).audit();
    const drift = withDrift.findings.filter((f) => f.ruleId === 'drift-security-not-enforced');
    assert.ok(drift.length > 0, 'the demo has a route its spec says is secured');
    const without = await createEngine({ fs: new NodeFileSystem(), roots: [ROOT], settings: { rules: { 'drift-security-not-enforced': 'off' } } }).audit();
    for (const d of drift) {
      const at = (f: Finding) => f.file === d.file && f.range.start === d.range.start && f.range.end === d.range.end;
      assert.ok(!withDrift.findings.some((f) => f.ruleId === 'route-without-authentication' && at(f)), 'hidden while the drift is reported');
      const code = without.findings.find((f) => f.ruleId === 'route-without-authentication' && at(f));
      assert.ok(code, 'reported by the code rule when the drift rule is off');
      const codeFixes = [...(code.fix ? [code.fix] : []), ...(code.suggestions ?? [])].map((x) => x.title);
      assert.ok(codeFixes.length > 0, 'the code finding has a fix to carry over');
      assert.deepStrictEqual((d.suggestions ?? []).map((x) => x.title), codeFixes, 'the drift finding offers them');
    }
  });

  it('the mass-assignment finding is back when the drift finding is suppressed', async () => {
    const engine = createEngine({ fs: new NodeFileSystem(), roots: [ROOT] });
    const text = fs.readFileSync(ACCOUNT, 'utf8');
    const at = text.indexOf("router.patch('/'");
    engine.setFile(ACCOUNT, text.slice(0, at) + '// api-warden-ignore-next-line drift-body-not-whitelisted -- the spec is wrong here\n' + text.slice(at));
    const audit = await engine.audit();
    assert.ok(audit.findings.some((f) => f.ruleId === 'drift-body-not-whitelisted' && f.suppressed), 'the drift finding is suppressed');
    assert.deepStrictEqual(onAccount(audit.findings), ['request-body-mass-assignment']);
  });
});
