/**
 * Where positions for a file come from: the open document when the user has it open (its
 * text is what the engine analysed, through the overlay), else the text the engine reads from
 * disk, indexed once per text by the engine.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import type { Engine, FilePath } from '../engine';
import { lineIndexPositions, type PositionsOf } from './convert';
import type { UriMapper } from './uri';

export function positionsFor(documents: TextDocuments<TextDocument>, uris: UriMapper, engine: Engine): PositionsOf {
  return (file: FilePath) => {
    const uri = uris.toUri(file);
    const open = documents.get(uri);
    if (open) return { uri, positions: open };
    const text = engine.readFile(file);
    return text === undefined ? undefined : { uri, positions: lineIndexPositions(engine.lineIndex(file, text)) };
  };
}
