/**
 * `api-warden inventory`: every endpoint the workspace defines, from its specs and its code,
 * paired up: JSON, Markdown, or a skeleton OpenAPI document written from the code alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { declaredBodyOf } from '../engine/code/schemas/route-body';
import { toOpenApiSchema } from '../engine/code/schemas/json-schema';
import { collectEndpoints } from '../engine/model/endpoints';
import { openApiFromRoutes } from '../engine/openapi/skeleton';
import { inventoryToJson, inventoryToMarkdown } from '../engine/report/inventory';
import { basename, relativePath } from '../engine/util/paths';
import type { InventoryArgs } from './args';
import { CliError, openWorkspace } from './audit';
import type { Streams } from './terminal';
import { toolVersion } from './version';

export async function runInventory(args: InventoryArgs, io: Streams): Promise<number> {
  const inputs = args.paths.length ? args.paths : ['.'];
  const { engine, root, fileSystem } = openWorkspace(inputs, args.config, io);
  const { endpoints, audit } = await collectEndpoints(engine);
  let text: string;
  if (args.format === 'openapi') {
    const routes = audit.operations.filter((op) => op.source !== 'openapi');
    const project = engine.codeProject();
    const bodyOf = (r: (typeof routes)[number]) => {
      const body = declaredBodyOf(r, project);
      return body && toOpenApiSchema(body);
    };
    const doc = openApiFromRoutes(routes, `${basename(root)} (from code)`, (r) => relativePath(root, r.at.file), bodyOf);
    text = args.output && /\.json$/i.test(args.output) ? JSON.stringify(doc, null, 2) + '\n' : YAML.stringify(doc, { lineWidth: 0 });
  } else {
    const json = inventoryToJson(endpoints, root, (f) => fileSystem.readFile(f), { name: 'api-warden', version: toolVersion() });
    text = args.format === 'json' ? JSON.stringify(json, null, 2) + '\n' : inventoryToMarkdown(json);
  }
  if (args.output === undefined) {
    io.stdout.write(text);
    return 0;
  }
  const file = path.resolve(io.cwd, args.output);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, 'utf8');
  } catch (e) {
    throw new CliError(`cannot write ${args.output}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (io.stderr.isTTY) io.stderr.write(`Wrote ${args.output}\n`);
  return 0;
}
