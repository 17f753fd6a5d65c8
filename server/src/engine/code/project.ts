/**
 * The code side of a workspace: parsed source files and the routes found in them.
 * Files are parsed once per text (cached by the engine); the route model is rebuilt from the
 * cached trees when any code file changes.
 */
import type ts from 'typescript';
import type { Operation } from '../model/operation';
import type { EngineSettings } from '../settings';
import type { FilePath } from '../types';
import { extractExpressRoutes } from './express/extract';

export interface CodeFile {
  path: FilePath;
  text: string;
  sourceFile: ts.SourceFile;
}

export interface CodeProject {
  readonly files: ReadonlyMap<FilePath, CodeFile>;
  readonly routes: readonly Operation[];
  readonly settings: EngineSettings;
}

export function buildCodeProject(files: readonly CodeFile[], settings: EngineSettings): CodeProject {
  const map = new Map(files.map((f) => [f.path, f] as const));
  const routes = extractExpressRoutes(map, settings);
  return { files: map, routes, settings };
}
