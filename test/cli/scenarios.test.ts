/** Golden CLI scenarios (test/cli/scenarios/*.scenario) run against the built dist/cli.js. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { assertBuilt, normalize, REPO_ROOT, runCli } from './run-cli';
import { parseScenario, writeScenario } from './scenario';

const DIR = path.join(REPO_ROOT, 'test/cli/scenarios');
const update = process.env.UPDATE_SNAPSHOTS === '1';

describe('CLI scenarios', function () {
  // Each case spawns the built CLI, several times for some; a loaded machine makes that slow.
  this.timeout(120_000);
  before(assertBuilt);

  for (const name of fs.readdirSync(DIR).filter((f) => f.endsWith('.scenario')).sort()) {
    const file = path.join(DIR, name);
    const scenario = parseScenario(fs.readFileSync(file, 'utf8'));
    it(`${name}: ${scenario.test}`, () => {
      const run = runCli(scenario.command, { env: scenario.env });
      const actual = { status: run.status, stdout: normalize(run.stdout), stderr: normalize(run.stderr) };
      if (update || scenario.stdout === undefined) {
        writeScenario(file, scenario, actual, scenario.stderr !== undefined);
        return;
      }
      assert.strictEqual(actual.stdout, scenario.stdout, `stdout of ${name} (UPDATE_SNAPSHOTS=1 refreshes it)`);
      if (scenario.stderr !== undefined) assert.strictEqual(actual.stderr, scenario.stderr, `stderr of ${name}`);
      assert.strictEqual(actual.status, scenario.status, `exit status of ${name}; stderr: ${run.stderr}`);
    });
  }
});
