/**
 * The NestJS model: controllers, handlers and everything Nest attaches to them (guards at each
 * level, metadata, middleware, the app's global prefix and versioning), plus what each guard
 * does. Routes become engine `Operation`s (source 'nestjs'); rules that need more than the
 * Operation read the `NestRoute` behind it through `nestModel(project)`.
 */
import type ts from 'typescript';
import type { HttpMethod, Operation, SourceSpan } from '../../model/operation';
import type { CodeFile } from '../project';

/** Identity of a metadata key: `str:isPublic`, `ref:/ws/roles.decorator.ts#Roles`, `ext:nest-keycloak-connect#Public`. */
export type MetaKey = string;

/** Where a reflector read looks for the key. */
export interface MetaRead {
  key: MetaKey;
  /** Human form of the key for messages (`IS_PUBLIC_KEY`, `'isPublic'`). */
  label: string;
  handler: boolean;
  cls: boolean;
}

export type GuardKind =
  /** Rejects requests without a verified principal (token, session, passport strategy). */
  | 'authn'
  /** Compares the principal's roles/permissions with route metadata. */
  | 'roles'
  | 'throttle'
  /** Lets every request through. */
  | 'allow-all'
  /** Runs, but checks no principal (feature flags, IP lists…). */
  | 'other'
  | 'unknown';

export interface GuardInfo {
  name: string;
  kind: GuardKind;
  /** The guard requires an authenticated principal whenever it is active and not opted out. */
  requiresUser: boolean;
  /** The guard compares roles/permissions. */
  checksRoles: boolean;
  /** Metadata that makes the guard let the request through (`@Public()`). */
  optOut: MetaRead[];
  /** Metadata without which the guard lets everything through (`@Roles()` for a roles guard). */
  activeWhen: MetaRead[];
  /** A client-controlled way around the check, when there is one ("header 'x-internal' is set"). */
  bypass?: string;
  /** What to point at when reporting the guard itself: the bypass condition, `canActivate`, `handleRequest`. */
  evidenceAt?: ts.Node;
  /** canActivate always allows; handleRequest accepts a missing user (passport). */
  weakness?: 'allow-all' | 'optional-user';
  /** How the classification was made, for messages. */
  reason: string;
  /** The guard class, when it is in the workspace. */
  decl?: { file: CodeFile; node: ts.ClassLikeDeclaration };
  passportStrategy?: string;
}

export type GuardLevel = 'global' | 'controller' | 'handler';

export interface GuardUse {
  guard: GuardInfo;
  level: GuardLevel;
  /** "APP_GUARD in AppModule", "@UseGuards on the method", "@Auth() on UsersController". */
  where: string;
  /** Attached in only some branches of a composed decorator. */
  conditional: boolean;
  at: SourceSpan;
}

export interface MetadataUse {
  key: MetaKey;
  level: 'controller' | 'handler';
  /** The decorator as written, for messages: `@Public()`. */
  via: string;
  conditional: boolean;
  /** The SetMetadata value / decorator arguments, when written inline. */
  args: readonly ts.Expression[];
}

export interface MiddlewareUse {
  name: string;
  /** `excluded`: authentication middleware whose exclude() list names this route. */
  kind: 'authn' | 'other' | 'unknown' | 'excluded';
  reason: string;
  where: string;
}

export interface HandlerParam {
  /** Body, Param, Query, Headers, Req, Request, or a custom param decorator's name. */
  decorator: string;
  /** The decorator argument: `@Param('id')` → 'id'. */
  key?: string;
  name: string;
  node: ts.ParameterDeclaration;
  /** The declared type as written, if any. */
  typeText?: string;
  /** Pipes passed to the decorator: `@Body(new ValidationPipe(...))`. */
  pipes: readonly ts.Expression[];
}

export interface VersioningConfig {
  type: 'uri' | 'header' | 'media-type' | 'custom';
  prefix: string;
  defaultVersion?: string[] | 'neutral';
}

export interface NestApp {
  file: CodeFile;
  /** The `NestFactory.create(...)` call. */
  create: ts.CallExpression;
  rootModule?: ts.ClassDeclaration;
  globalPrefix?: { prefix: string; exclude: { path: string; method?: HttpMethod }[] };
  versioning?: VersioningConfig;
  globalGuards: GuardUse[];
  /** `app.useGlobalPipes(...)` arguments. */
  globalPipes: { expr: ts.Expression; file: CodeFile }[];
  /** `app.enableCors(...)` and `NestFactory.create(…, { cors })` options. */
  cors: { expr: ts.Expression | undefined; call: ts.Node; file: CodeFile }[];
  /** `SwaggerModule.setup(...)` calls. */
  /** `SwaggerModule.setup(...)` calls; `via` is the helper call that led there (`setupSwagger(app)`). */
  swagger: { call: ts.CallExpression; file: CodeFile; appName: string; scope: ts.Node; via?: ts.CallExpression }[];
  /** `app.use(...)` arguments, classified. */
  middleware: MiddlewareUse[];
  /** Module classes reachable from the root module. */
  modules: Set<ts.ClassDeclaration>;
}

export interface ModuleInfo {
  file: CodeFile;
  node: ts.ClassDeclaration;
  name: string;
  controllers: ts.ClassDeclaration[];
  imports: ts.ClassDeclaration[];
  /** `{ provide: APP_GUARD, useClass: X }` providers. */
  appGuards: GuardUse[];
  /** `{ provide: APP_PIPE, ... }` providers. */
  appPipes: { expr: ts.Expression; file: CodeFile }[];
  /** Module middleware from `configure(consumer)`. */
  middleware: ModuleMiddleware[];
  /** The module imports ThrottlerModule. */
  importsThrottler: boolean;
  /** RouterModule path prefixes for modules, from `RouterModule.register` trees in this module. */
  routerPaths: { module: ts.ClassDeclaration; path: string }[];
}

export interface RouteMatcher {
  /** Path pattern relative to the global prefix (`cats`, `cats/*`, `*`), or a controller. */
  path?: string;
  method?: HttpMethod;
  controller?: ts.ClassDeclaration;
}

export interface ModuleMiddleware {
  use: MiddlewareUse;
  forRoutes: RouteMatcher[];
  exclude: RouteMatcher[];
  module: string;
  /** forRoutes/exclude could not be read completely. */
  partial: boolean;
}

export interface ControllerInfo {
  file: CodeFile;
  node: ts.ClassDeclaration;
  name: string;
  /** Controller paths (several for `@Controller(['a', 'b'])`). */
  paths: string[];
  versions?: string[] | 'neutral';
  host?: string;
}

export interface NestRoute {
  operation: Operation;
  controller: ControllerInfo;
  file: CodeFile;
  method: ts.MethodDeclaration;
  /** The route decorator (`@Get(':id')`). */
  decorator: ts.Decorator;
  app?: NestApp;
  /** Every guard that runs, in Nest's order (global, controller, handler). */
  guards: GuardUse[];
  /** Metadata set on the handler and the controller (inherited included). */
  metadata: MetadataUse[];
  middleware: MiddlewareUse[];
  /** @ApiBearerAuth / @ApiSecurity / … on the handler or the controller. */
  apiAuthDocs: { name: string; level: 'controller' | 'handler'; decorator: ts.Decorator; file: CodeFile }[];
  skipThrottle: boolean;
  throttle: boolean;
  /** Pipes from @UsePipes on the method or the class. */
  pipes: { expr: ts.Expression; file: CodeFile }[];
  params: HandlerParam[];
  /** Guards that protect this route after opt-outs, and the ones that do not, with why. */
  decision: AuthDecision;
}

/** What one guard or middleware does on one route, after opt-outs and activation metadata. */
export interface GuardOutcome {
  name: string;
  where: string;
  at?: SourceSpan;
  source: 'guard' | 'middleware';
  effect: 'authenticates' | 'authorizes' | 'rate-limits' | 'opted-out' | 'inactive' | 'bypassable' | 'conditional' | 'unknown' | 'does-not-authenticate';
  /** Why, for messages. */
  note: string;
}

export interface AuthDecision {
  outcomes: GuardOutcome[];
  /** Guards and middleware that authenticate this route. */
  authenticatedBy: string[];
  /** Guards that check roles on this route. */
  rolesBy: string[];
  /** A role guard runs but a client-controlled input bypasses it. */
  bypassableRoles: { guard: string; how: string }[];
  publicBy?: string;
}
