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
    assert.ok(lines.includes(lineOf(editor.document, '/api/coupons')), `reported on the coupons route; lines: ${lines.map((l) => l + 1)}`);
  });
});
