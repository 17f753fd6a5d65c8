/**
 * Where positions for a file come from: the open document when the user has it open (its
 * text is what the engine analysed, through the overlay), else the text the engine reads from
 * disk, indexed once per text by the engine.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine, FilePath } from '../engine';
import { lineIndexPositions, type PositionsOf } from './convert';
import type { UriMapper } from './uri';

/** The open documents (a `TextDocuments`, or the audit worker's snapshot of them). */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
}

export function positionsFor(documents: OpenDocuments, uris: UriMapper, engine: Engine): PositionsOf {
  // One closure serves one summary or analysis, which asks once per finding and per operation:
  // without this, an audit summary re-read a 13 MB description from disk for each of its
  // thousands of operations (minutes of blocked server on big workspaces, see docs/performance.md).
  const answered = new Map<FilePath, ReturnType<PositionsOf>>();
  return (file: FilePath) => {
    if (answered.has(file)) return answered.get(file);
    const uri = uris.toUri(file);
    const open = documents.get(uri);
    const text = open ? undefined : engine.readFile(file);
    const result = open ? { uri, positions: open } : text === undefined ? undefined : { uri, positions: lineIndexPositions(engine.lineIndex(file, text)) };
    answered.set(file, result);
    return result;
  };
}
