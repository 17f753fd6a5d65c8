/** Express route extraction (placeholder until the route model lands in this commit series). */
import type { Operation } from '../../model/operation';
import type { EngineSettings } from '../../settings';
import type { FilePath } from '../../types';
import type { CodeFile } from '../project';

export function extractExpressRoutes(_files: ReadonlyMap<FilePath, CodeFile>, _settings: EngineSettings): Operation[] {
  return [];
}
