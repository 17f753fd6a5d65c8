/**
 * A compact tree of source ranges for a YAML or JSON document, addressed by JSON pointer.
 *
 * Why a separate tree: analysis runs on plain values from the fastest parser available
 * (JSON.parse, js-yaml). Positions are needed only for the few nodes a rule reports, so they
 * live in flat arrays (about 30 bytes a node) instead of one object per node. Both the YAML
 * and the JSON front ends feed the same builder, so lookups behave the same for both formats.
 */
import type { TextRange } from '../types';

export const enum NodeKind {
  Scalar = 0,
  Mapping = 1,
  Sequence = 2,
}

export type PointerSegment = string | number;

/** Nodes with more children than this get a lookup table (see PositionIndex.wide). */
const WIDE = 16;

export interface LocatedNode {
  /** Range of the value. */
  value: TextRange;
  /** Range of the key that holds the value, when the node is a mapping entry. */
  key?: TextRange;
  /** False when the pointer ran past what exists: the range is the closest ancestor's. */
  exact: boolean;
}

export class PositionIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly keyStarts: number[] = [];
  private readonly keyEnds: number[] = [];
  private readonly keys: (string | undefined)[] = [];
  private readonly kinds: NodeKind[] = [];
  private readonly firstChild: number[] = [];
  private readonly lastChild: number[] = [];
  private readonly nextSibling: number[] = [];
  /**
   * Child lookup tables for wide nodes, built on first lookup. Without them, locating one
   * finding per entry of a 50,000-entry \`paths\` mapping walks the siblings every time
   * (quadratic: seconds on a 1 MB document).
   */
  private readonly wide = new Map<number, Map<string, number> | number[]>();

  /** Appends a node; returns its id. Children are linked by `appendChild`. */
  addNode(start: number, end: number, kind: NodeKind): number {
    const id = this.starts.length;
    this.starts.push(start);
    this.ends.push(end);
    this.kinds.push(kind);
    this.keyStarts.push(-1);
    this.keyEnds.push(-1);
    this.keys.push(undefined);
    this.firstChild.push(-1);
    this.lastChild.push(-1);
    this.nextSibling.push(-1);
    return id;
  }

  setRange(id: number, start: number, end: number, kind: NodeKind): void {
    this.starts[id] = start;
    this.ends[id] = end;
    this.kinds[id] = kind;
  }

  appendChild(parent: number, child: number, key?: string, keyStart = -1, keyEnd = -1): void {
    this.keys[child] = key;
    this.keyStarts[child] = keyStart;
    this.keyEnds[child] = keyEnd;
    const last = this.lastChild[parent];
    if (last === -1) this.firstChild[parent] = child;
    else this.nextSibling[last] = child;
    this.lastChild[parent] = child;
  }

  get size(): number {
    return this.starts.length;
  }

  /** Node 0 is the document root when the index is not empty. */
  locate(pointer: readonly PointerSegment[]): LocatedNode | undefined {
    if (this.starts.length === 0) return undefined;
    let node = 0;
    for (const segment of pointer) {
      const child = this.child(node, segment);
      if (child === -1) return { value: this.range(node), key: this.keyRange(node), exact: false };
      node = child;
    }
    return { value: this.range(node), key: this.keyRange(node), exact: true };
  }

  private child(node: number, segment: PointerSegment): number {
    const kind = this.kinds[node];
    const table = this.wide.get(node) ?? this.tableFor(node, kind);
    if (table) {
      if (Array.isArray(table)) {
        const index = typeof segment === 'number' ? segment : Number(segment);
        return Number.isInteger(index) && index >= 0 && index < table.length ? table[index] : -1;
      }
      return table.get(String(segment)) ?? -1;
    }
    if (kind === NodeKind.Sequence) {
      const index = typeof segment === 'number' ? segment : Number(segment);
      if (!Number.isInteger(index) || index < 0) return -1;
      let c = this.firstChild[node];
      for (let i = 0; c !== -1 && i < index; i++) c = this.nextSibling[c];
      return c;
    }
    if (kind !== NodeKind.Mapping) return -1;
    const key = String(segment);
    let found = -1;
    // Last duplicate wins, as it does in the parsed value.
    for (let c = this.firstChild[node]; c !== -1; c = this.nextSibling[c]) if (this.keys[c] === key) found = c;
    return found;
  }

  /** Builds the lookup table of a node with many children; undefined for small nodes. */
  private tableFor(node: number, kind: NodeKind): Map<string, number> | number[] | undefined {
    if (kind !== NodeKind.Sequence && kind !== NodeKind.Mapping) return undefined;
    let count = 0;
    for (let c = this.firstChild[node]; c !== -1 && count <= WIDE; c = this.nextSibling[c]) count++;
    if (count <= WIDE) return undefined;
    let table: Map<string, number> | number[];
    if (kind === NodeKind.Sequence) {
      table = [];
      for (let c = this.firstChild[node]; c !== -1; c = this.nextSibling[c]) table.push(c);
    } else {
      table = new Map();
      // Last duplicate wins, as it does in the parsed value.
      for (let c = this.firstChild[node]; c !== -1; c = this.nextSibling[c]) {
        const key = this.keys[c];
        if (key !== undefined) table.set(key, c);
      }
    }
    this.wide.set(node, table);
    return table;
  }

  private range(node: number): TextRange {
    return { start: this.starts[node], end: this.ends[node] };
  }

  private keyRange(node: number): TextRange | undefined {
    return this.keyStarts[node] >= 0 ? { start: this.keyStarts[node], end: this.keyEnds[node] } : undefined;
  }
}
