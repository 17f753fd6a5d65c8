/**
 * The rule interface: one rule per file, `meta` + `create()` (ESLint's shape).
 *
 * `meta.id` equals the file name and never carries taxonomy; OWASP categories and CWE are data.
 * Rules report a messageId (tests assert it, never the text) and a location: a JSON pointer in
 * an OpenAPI document or an offset range in a source file. The runner turns that into a Finding.
 */
import type ts from 'typescript';
import type { CodeProject } from '../code/project';
import type { SpecApi, WorkspaceInventory } from '../model/match';
import type { Operation } from '../model/operation';
import type { NamedNode, OpenApiDocument, Pointer, ServerNode, SpecOperation } from '../openapi/document';
import type { OpenApiSpec } from '../openapi/spec';
import type { ParameterNode, RequestBodyNode, ResponseNode, SchemaNode } from '../openapi/spec-model';
import type { EngineSettings } from '../settings';
import type { FilePath, Fix, OperationRef, OwaspCategory, RelatedInfo, Severity, TextRange } from '../types';

export type RuleKind = 'openapi' | 'code' | 'workspace';

export interface RuleMeta<M extends string = string> {
  /** kebab-case, equal to the file name. */
  id: string;
  kind: RuleKind;
  owasp: readonly OwaspCategory[];
  cwe?: readonly number[];
  severity: Severity;
  /** Part of the `recommended` preset. */
  recommended: boolean;
  /** One line: docs index, hover, SARIF shortDescription. */
  description: string;
  /** Message templates by id; `{{name}}` placeholders are filled from `data`. */
  messages: Record<M, string>;
  /** `safe`: the rule attaches fixes eligible for "fix all"; `suggestion`: quick fixes only. */
  fix?: 'safe' | 'suggestion';
}

/** Where a finding points: a pointer in an OpenAPI document, or a range in any file. */
export type ReportTarget =
  | { pointer: Pointer; part?: 'key' | 'value'; doc?: OpenApiDocument }
  | { file: FilePath; range: TextRange };

export interface ReportDescriptor<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  at: ReportTarget;
  operation?: OperationRef;
  /** Overrides the rule's default severity for this finding (a configured severity still wins). */
  severity?: Severity;
  related?: RelatedInfo[];
  fix?: Fix;
  suggestions?: Fix[];
}

export interface RuleContext<M extends string> {
  readonly settings: EngineSettings;
  report(descriptor: ReportDescriptor<M>): void;
}

/**
 * One walk per document; the richer visitors (parameter … callback) cost a semantic walk that
 * runs only when some active rule declares one of them. Shared nodes are visited once.
 */
export interface OpenApiVisitors {
  document?(doc: OpenApiDocument, spec: OpenApiSpec): void;
  operation?(op: SpecOperation, doc: OpenApiDocument, spec: OpenApiSpec): void;
  securityScheme?(scheme: NamedNode, doc: OpenApiDocument, spec: OpenApiSpec): void;
  server?(server: ServerNode, doc: OpenApiDocument, spec: OpenApiSpec): void;
  /** Each parameter definition once, with the operations that use it. */
  parameter?(param: ParameterNode, spec: OpenApiSpec): void;
  /** Each operation's request body (OAS 3 `requestBody`, Swagger 2 body or form parameters). */
  requestBody?(body: RequestBodyNode, spec: OpenApiSpec): void;
  /** Each operation's responses, one call per status code. */
  response?(response: ResponseNode, spec: OpenApiSpec): void;
  /** Each schema reachable from an operation, once per location and context (request/response). */
  schema?(schema: SchemaNode, spec: OpenApiSpec): void;
  /** Callback operations (OAS 3) and webhooks (3.1 `webhooks`, `x-webhooks`). */
  callback?(op: SpecOperation, spec: OpenApiSpec): void;
  /** After every other visitor: rules that summarise what they collected report here. */
  documentEnd?(doc: OpenApiDocument, spec: OpenApiSpec): void;
}

export interface CodeVisitors {
  /** Once per analysed source file. */
  sourceFile?(file: ts.SourceFile, project: CodeProject): void;
  /** Once per route found in code (Express or NestJS). */
  route?(route: Operation, project: CodeProject): void;
}

export interface OpenApiRule<M extends string = string> {
  meta: RuleMeta<M> & { kind: 'openapi' };
  create(ctx: RuleContext<M>): OpenApiVisitors;
}

/**
 * What a code rule's result on one route (or one source file) depends on, which decides whether
 * the runner may keep it across edits (run/run-code.ts, run/code-cache.ts).
 * - `unit`: only that route's facts (or that file), the files reachable from them through
 *   imports, and the rule's `projectKey`. The rule keeps no state from one route to the next
 *   except "report each location once per run", which the runner applies itself. Such results
 *   are kept per route (and per file) while those inputs are unchanged.
 * - `project`: it reads project-wide facts (the Nest model, the spec pairing, the Express
 *   model's quick-fix candidates, every file at once); it runs whole on every run.
 */
export type CodeRuleResults =
  | { scope: 'project' }
  | {
      scope: 'unit';
      /**
       * Whether to report is decided on local facts, but what a finding offers (quick fixes
       * built from the project's middleware or Nest guards) is not: results with findings are
       * never kept.
       */
      findingsReadProject?: boolean;
      /**
       * The rule reports every route on its own (its finding names the operation), also routes
       * that share a handler, such as a router mounted twice. By default the runner reports a
       * location once per run, which is what route rules that keep a `reported` set do.
       */
      eachRoute?: boolean;
    };

export interface CodeRule<M extends string = string> {
  /** `results` is declared by every registered code rule (a meta-test checks it); missing means `project`. */
  meta: RuleMeta<M> & { kind: 'code'; results?: CodeRuleResults };
  create(ctx: RuleContext<M>): CodeVisitors;
  /**
   * For `unit` rules: project-wide facts the results also depend on, as a string (a result is
   * kept only while it is unchanged). Outside `meta`, which stays plain data.
   */
  projectKey?(project: CodeProject): string;
}

/** Spec <-> code: what both sides of the workspace say about the same endpoints. */
export interface WorkspaceModel {
  /** Every OpenAPI description, read with the files its `$ref`s reach (`docOf`, `resolve`). */
  specs: readonly SpecApi[];
  project: CodeProject;
  inventory: WorkspaceInventory;
}

export interface WorkspaceVisitors {
  workspace?(model: WorkspaceModel): void;
}

export interface WorkspaceRule<M extends string = string> {
  meta: RuleMeta<M> & {
    kind: 'workspace';
    /**
     * Code rules this rule's findings stand in for: a finding of one of them at this finding's
     * range or at one of its related locations is not reported while this finding is (and is not
     * suppressed). One hole gets one finding, the one with both sides' evidence.
     */
    supersedes?: readonly string[];
  };
  create(ctx: RuleContext<M>): WorkspaceVisitors;
}

export type Rule = OpenApiRule<string> | CodeRule<string> | WorkspaceRule<string>;

export const defineOpenApiRule = <M extends string>(rule: OpenApiRule<M>): OpenApiRule<M> => rule;
export const defineCodeRule = <M extends string>(rule: CodeRule<M>): CodeRule<M> => rule;
export const defineWorkspaceRule = <M extends string>(rule: WorkspaceRule<M>): WorkspaceRule<M> => rule;

export const DOCS_BASE = 'https://github.com/api-warden/api-warden/blob/main/docs/rules';
/** The docs URL is derived from the id, never typed by hand. */
export const docsUrl = (id: string): string => `${DOCS_BASE}/${id}.md`;

export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (data && name in data ? String(data[name]) : whole));
}
