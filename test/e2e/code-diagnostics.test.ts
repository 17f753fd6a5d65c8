import * as assert from 'assert';
import { activateExtension, hasRule, lineOf, openFile, ruleIdOf, waitForDiagnostics } from './helpers';

describe('Express code in the editor', () => {
  before(async () => {
    await activateExtension();
  });

  it('reports the route registered before the authentication middleware', async () => {
    const editor = await openFile('src/app.ts');
    const diagnostics = await waitForDiagnostics(editor.document.uri, hasRule('route-without-authentication'), 'a route-without-authentication finding');
    const lines = diagnostics.filter((d) => ruleIdOf(d) === 'route-without-authentication').map((d) => d.range.start.line);
    assert.ok(lines.includes(lineOf(editor.document, "'/api/orders/export'")), `reported on the export route; lines: ${lines.map((l) => l + 1)}`);
    // The coupons route is public by design: the spec declares it `security: []`.
    assert.ok(!lines.includes(lineOf(editor.document, "'/api/coupons'")), 'the public coupons route is not reported');
  });
});
