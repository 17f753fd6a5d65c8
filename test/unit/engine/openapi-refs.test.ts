/**
 * Multi-file `$ref`s: resolution through the engine's file system (open buffers first),
 * findings reported in the file that holds the node with related information pointing at the
 * operation, `lintFile` of a referenced file showing them, cycles, remote refs never fetched.
 */
import * as assert from 'assert';
import * as path from 'path';
import { NodeFileSystem } from '../../../server/src/node-file-system';
import { ALL_RULES } from '../../../server/src/engine';
import { createEngine, MemoryFileSystem, type Finding } from '../../../server/src/engine';
import { isObject, parseOpenApi } from '../../../server/src/engine/openapi/document';
import { normalizePath, refFile, SpecSet } from '../../../server/src/engine/openapi/refs';
import { OpenApiSpec } from '../../../server/src/engine/openapi/spec';
import { defineOpenApiRule } from '../../../server/src/engine/rules/rule';
import unresolved from '../../../server/src/engine/rules/openapi/spec-unresolved-reference';
import { yaml } from '../../helpers';

/** A probe rule: every request string schema without maxLength, reported where it lives. */
const probe = defineOpenApiRule({
  meta: {
    id: 'probe', kind: 'openapi', owasp: ['API4:2023'], severity: 'warning', recommended: false,
    description: 'test probe for request strings', messages: { s: 'string {{name}}' },
  },
  create(ctx) {
    return {
      schema(s, spec) {
        if (s.context !== 'request' || s.value.type !== 'string' || 'maxLength' in s.value) return;
        ctx.report({ messageId: 's', data: { name: s.name ?? '?' }, at: { pointer: s.pointer, doc: s.doc }, related: spec.usedBy(spec.model.usesOf(s.unit)) });
      },
    };
  },
});

const root = yaml`
  openapi: 3.0.3
  info: { title: t, version: '1' }
  paths:
    /users:
      post:
        requestBody:
          content:
            application/json:
              schema: { $ref: 'schemas/user.yaml#/User' }
        responses: { '201': { description: ok } }
    /items:
      $ref: 'paths/items.yaml'
    /remote:
      get:
        parameters:
          - $ref: 'https://example.com/params.yaml#/limit'
        responses: { '200': { description: ok } }`;

const user = yaml`
  User:
    type: object
    properties:
      name: { type: string }
      friend: { $ref: '#/User' }
      address: { $ref: '../schemas/address.yaml' }`;

const address = yaml`
  type: object
  properties:
    street: { type: string, maxLength: 80 }
    city: { type: string }`;

const items = yaml`
  put:
    requestBody:
      content:
        application/json:
          schema:
            type: object
            properties:
              label: { type: string }
    responses: { '200': { description: ok } }`;

function workspace(overrides: Record<string, string> = {}) {
  return new MemoryFileSystem({
    '/ws/openapi.yaml': root,
    '/ws/schemas/user.yaml': user,
    '/ws/schemas/address.yaml': address,
    '/ws/paths/items.yaml': items,
    ...overrides,
  });
}

const summary = (fs: Finding[]) => fs.map((f) => `${f.ruleId}:${f.file.replace('/ws/', '')}:${f.message}`).sort();

describe('openapi $ref across files', () => {
  it('normalises and resolves relative file references', () => {
    assert.strictEqual(normalizePath('/a/b/../c/./d.yaml'), '/a/c/d.yaml');
    assert.strictEqual(refFile('../x.yaml#/A', '/ws/s/y.yaml'), '/ws/x.yaml');
    assert.strictEqual(refFile('#/A', '/ws/y.yaml'), undefined);
    assert.strictEqual(refFile('https://h/x.yaml', '/ws/y.yaml'), undefined);
    assert.strictEqual(refFile('my%20file.yaml', '/ws/y.yaml'), '/ws/my file.yaml');
  });

  it('walks schemas in other files, cycles included, and records remote refs without fetching', () => {
    const fs = workspace();
    const load = (f: string) => {
      const t = fs.readFile(f);
      return t === undefined ? undefined : parseOpenApi(f, t);
    };
    const spec = new OpenApiSpec(new SpecSet(load('/ws/openapi.yaml')!, load));
    assert.deepStrictEqual(spec.operations.map((o) => `${o.method} ${o.path} ${o.doc?.file}`), [
      'post /users /ws/openapi.yaml',
      'put /items /ws/paths/items.yaml',
      'get /remote /ws/openapi.yaml',
    ]);
    const strings = spec.model.schemas.filter((s) => s.value.type === 'string').map((s) => `${s.doc.file}#${s.pointer.join('/')}`);
    assert.deepStrictEqual(strings.sort(), [
      '/ws/paths/items.yaml#put/requestBody/content/application/json/schema/properties/label',
      '/ws/schemas/address.yaml#properties/city',
      '/ws/schemas/address.yaml#properties/street',
      '/ws/schemas/user.yaml#User/properties/name',
    ]);
    assert.deepStrictEqual(spec.set.problems.map((p) => p.kind), ['remote']);
    const city = spec.model.schemas.find((s) => s.name === 'city')!;
    assert.deepStrictEqual(spec.model.usesOf(city.unit).map((o) => o.path), ['/users']);
  });

  it('reports findings in the referenced file, with related information at the operation', async () => {
    const engine = createEngine({ fs: workspace(), roots: ['/ws'], rules: [probe] });
    const rootResult = await engine.lintFile('/ws/openapi.yaml');
    assert.deepStrictEqual(rootResult.failures, []);
    assert.deepStrictEqual(summary(rootResult.findings), [], 'the root holds none of the strings');
    const userResult = await engine.lintFile('/ws/schemas/user.yaml');
    assert.deepStrictEqual(summary(userResult.findings), ['probe:schemas/user.yaml:string name']);
    const f = userResult.findings[0];
    assert.strictEqual(user.slice(f.range.start, f.range.end), 'name');
    assert.deepStrictEqual(f.related?.map((r) => [r.file, r.message]), [['/ws/openapi.yaml', 'used by POST /users']]);
    assert.strictEqual(root.slice(f.related![0].range.start, f.related![0].range.end), 'post');
    assert.deepStrictEqual(summary((await engine.lintFile('/ws/schemas/address.yaml')).findings), ['probe:schemas/address.yaml:string city']);
    assert.deepStrictEqual(summary((await engine.lintFile('/ws/paths/items.yaml')).findings), ['probe:paths/items.yaml:string label']);
  });

  it('an audit lists each finding once, in its own file', async () => {
    const engine = createEngine({ fs: workspace(), roots: ['/ws'], rules: [probe] });
    const result = await engine.audit();
    assert.deepStrictEqual(summary(result.findings), [
      'probe:paths/items.yaml:string label',
      'probe:schemas/address.yaml:string city',
      'probe:schemas/user.yaml:string name',
    ]);
  });

  it('lintFile of a referenced file works before its spec was ever linted', async () => {
    const engine = createEngine({ fs: workspace(), roots: ['/ws'], rules: [probe] });
    assert.deepStrictEqual(summary((await engine.lintFile('/ws/schemas/address.yaml')).findings), ['probe:schemas/address.yaml:string city']);
  });

  it('open buffers win over disk, and editing a referenced file refreshes the root', async () => {
    const engine = createEngine({ fs: workspace(), roots: ['/ws'], rules: [probe] });
    await engine.lintFile('/ws/openapi.yaml');
    engine.setFile('/ws/schemas/address.yaml', address.replace('city: { type: string }', 'city: { type: string, maxLength: 40 }'));
    assert.deepStrictEqual(summary((await engine.lintFile('/ws/schemas/address.yaml')).findings), []);
    engine.setFile('/ws/schemas/address.yaml', address.replace('city: { type: string }', 'town: { type: string }'));
    assert.deepStrictEqual(summary((await engine.lintFile('/ws/schemas/address.yaml')).findings), ['probe:schemas/address.yaml:string town']);
  });

  it('a missing file is a problem, not a crash', async () => {
    const fs = workspace();
    fs.files.delete('/ws/schemas/address.yaml');
    const load = (f: string) => {
      const t = fs.readFile(f);
      return t === undefined ? undefined : parseOpenApi(f, t);
    };
    const spec = new OpenApiSpec(new SpecSet(load('/ws/openapi.yaml')!, load));
    assert.ok(spec.model.schemas.length > 0);
    assert.deepStrictEqual(spec.set.problems.map((p) => [p.kind, p.file]).sort(), [['missing-file', '/ws/schemas/address.yaml'], ['remote', undefined]]);
  });

  it('resolves YAML aliases and self-referencing schemas without looping', () => {
    const text = yaml`
      openapi: 3.1.0
      info: { title: t, version: '1' }
      paths:
        /a:
          post:
            requestBody:
              content:
                application/json:
                  schema: &node
                    type: object
                    properties:
                      child: { $ref: '#/components/schemas/Node' }
                      label: { type: [string, 'null'] }
            responses: { '200': { description: ok } }
        /b:
          post:
            requestBody:
              content:
                application/json:
                  schema: *node
            responses: { '200': { description: ok } }
      components:
        schemas:
          Node:
            type: object
            properties:
              next: { $ref: '#/components/schemas/Node' }
              self: { $ref: '#/components/schemas/Self' }
          Self: { $ref: '#/components/schemas/Self' }`;
    const doc = parseOpenApi('/ws/a.yaml', text);
    const spec = new OpenApiSpec(new SpecSet(doc));
    const pointers = spec.model.schemas.map((s) => s.pointer.join('/'));
    assert.ok(pointers.includes('components/schemas/Node'));
    assert.strictEqual(pointers.filter((p) => p === 'components/schemas/Node').length, 1, 'a shared schema is visited once per context');
    assert.ok(isObject(spec.model.schemas[0].value));
    assert.deepStrictEqual(spec.set.problems.map((p) => p.kind), ['cycle']);
  });

  it('reports a broken reference inside a referenced file in that file, and remote references once', async () => {
    const fs = workspace({ '/ws/paths/items.yaml': items.replace('label: { type: string }', "label: { $ref: '#/nope' }") });
    const engine = createEngine({ fs, roots: ['/ws'], rules: [unresolved] });
    const rootFindings = (await engine.lintFile('/ws/openapi.yaml')).findings;
    assert.deepStrictEqual(rootFindings.map((f) => [f.messageId, f.severity]), [['remote', 'info']]);
    const inFragment = (await engine.lintFile('/ws/paths/items.yaml')).findings;
    assert.deepStrictEqual(inFragment.map((f) => [f.messageId, f.file]), [['missingTarget', '/ws/paths/items.yaml']]);
  });

  it('analyses a spec split over YAML and JSON files on disk, reporting in each file', async () => {
    const dir = path.resolve(__dirname, '../../../../test/fixtures/openapi/multi-file').replace(/\\/g, '/');
    const engine = createEngine({ fs: new NodeFileSystem(), roots: [dir], rules: ALL_RULES.filter((r) => r.meta.kind === 'openapi') });
    const audit = await engine.audit();
    assert.deepStrictEqual(audit.failures, []);
    const got = audit.findings.map((f) => `${path.relative(dir, f.file)}:${f.ruleId}`).sort();
    assert.deepStrictEqual(got, [
      'schemas/common.json:spec-sensitive-data-in-response',
      'schemas/order.yaml:spec-string-without-max-length',
    ]);
    const card = audit.findings.find((f) => f.ruleId === 'spec-sensitive-data-in-response')!;
    assert.deepStrictEqual(card.related?.map((r) => [path.relative(dir, r.file), r.message]), [['paths/order.yaml', 'used by GET /orders/{id}']]);
    assert.deepStrictEqual((await engine.lintFile(`${dir}/schemas/common.json`)).findings.map((f) => f.ruleId), ['spec-sensitive-data-in-response']);
  });
});
