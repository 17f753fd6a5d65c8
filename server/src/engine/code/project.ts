/**
 * The code side of a workspace: parsed source files and the routes found in them.
 * Files are parsed once per text (cached by the engine); the route model is rebuilt from the
 * cached trees when any code file changes (per-file extraction is cached per tree, so only
 * linking runs again for the unchanged files; with a FactMemo, what middleware and guards do is
 * also kept for the files an edit cannot affect).
 */
import type ts from 'typescript';
import type { Operation } from '../model/operation';
import type { EngineSettings } from '../settings';
import type { FilePath } from '../types';
import { extractExpress } from './express/extract';
import type { ExpressModel } from './express/link';
import type { FactMemo } from './memo';
import { extractNest } from './nestjs/route-facts';
import type { RouteFacts } from './route-facts';

export interface CodeFile {
  path: FilePath;
  text: string;
  sourceFile: ts.SourceFile;
}

export interface CodeProject {
  readonly files: ReadonlyMap<FilePath, CodeFile>;
  readonly routes: readonly Operation[];
  readonly settings: EngineSettings;
  /** Code facts per route (middleware chain, handler), for Express and NestJS routes alike. */
  readonly routeFacts: ReadonlyMap<Operation, RouteFacts>;
  /** The linked Express apps and routers (explanations, quick fixes). */
  readonly express?: ExpressModel;
  /**
   * The spec operation that documents a route, when the workspace has specs (set by the engine
   * after matching): what the API description says about the route's authentication.
   */
  readonly documentedAs?: (route: Operation) => Operation | undefined;
}

export function buildCodeProject(files: readonly CodeFile[], settings: EngineSettings, memo?: FactMemo): CodeProject {
  const map = new Map(files.map((f) => [f.path, f] as const));
  memo?.begin(map, settings);
  const express = extractExpress(map, settings, memo);
  const nest = extractNest(map, settings, memo);
  const routeFacts = new Map<Operation, RouteFacts>([...express.facts, ...nest.facts].map((f) => [f.operation, f]));
  return { files: map, routes: [...express.operations, ...nest.operations], settings, routeFacts, express: express.model };
}
