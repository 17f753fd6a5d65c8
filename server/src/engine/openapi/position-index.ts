/**
 * A compact tree of source ranges for a YAML or JSON document, addressed by JSON pointer.
 *
 * Why a separate tree: analysis runs on plain values from the fastest parser available
 * (JSON.parse, js-yaml). Positions are needed only for the few nodes a rule reports, so they
 * live in flat typed arrays (33 bytes a node, no object per node and nothing for the garbage
 * collector to trace) instead of one object per node. Both the YAML and the JSON front ends
 * feed the same builder, so lookups behave the same for both formats.
 */
import type { TextRange } from '../types';

export const enum NodeKind {
  Scalar = 0,
  Mapping = 1,
  Sequence = 2,
}

export type PointerSegment = string | number;

/** How an edit moves offsets: `oldEnd` becomes `newEnd`; other offsets from `from` on move by `delta`. */
export interface OffsetShift {
  from: number;
  delta: number;
  oldEnd: number;
  newEnd: number;
}

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
  private count = 0;
  // Offsets fit in 32 bits: files over maxFileBytes (32 MiB by default) are never parsed.
  private starts: Int32Array;
  private ends: Int32Array;
  private keyStarts: Int32Array;
  private keyEnds: Int32Array;
  private firstChild: Int32Array;
  private lastChild: Int32Array;
  private nextSibling: Int32Array;
  private kinds: Uint8Array;
  private keys: (string | undefined)[] = [];
  /**
   * Child lookup tables for wide nodes, built on first lookup. Without them, locating one
   * finding per entry of a 50,000-entry \`paths\` mapping walks the siblings every time
   * (quadratic: seconds on a 1 MB document).
   */
  private readonly wide = new Map<number, Map<string, number> | number[]>();
  /** The document's node: 0, unless the parser wrapped it (see IndexBuilder: flow collections). */
  private rootNode = 0;

  /** `capacity`: expected node count (the arrays grow as needed). */
  constructor(capacity = 256) {
    const n = Math.max(16, capacity);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.keyStarts = new Int32Array(n);
    this.keyEnds = new Int32Array(n);
    this.firstChild = new Int32Array(n);
    this.lastChild = new Int32Array(n);
    this.nextSibling = new Int32Array(n);
    this.kinds = new Uint8Array(n);
  }

  /** Appends a node; returns its id. Children are linked by `appendChild`. */
  addNode(start: number, end: number, kind: NodeKind): number {
    const id = this.count;
    if (id === this.starts.length) this.grow();
    this.starts[id] = start;
    this.ends[id] = end;
    this.kinds[id] = kind;
    this.keyStarts[id] = -1;
    this.keyEnds[id] = -1;
    this.firstChild[id] = -1;
    this.lastChild[id] = -1;
    this.nextSibling[id] = -1;
    this.keys.push(undefined);
    this.count = id + 1;
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

  /** Makes `id` the node that pointers start from. */
  setRoot(id: number): void {
    this.rootNode = id;
  }

  get size(): number {
    return this.count;
  }

  /** Pointers start at the document node (see setRoot). */
  locate(pointer: readonly PointerSegment[]): LocatedNode | undefined {
    if (this.count === 0) return undefined;
    let node = this.rootNode;
    for (const segment of pointer) {
      const child = this.child(node, segment);
      if (child === -1) return { value: this.range(node), key: this.keyRange(node), exact: false };
      node = child;
    }
    return { value: this.range(node), key: this.keyRange(node), exact: true };
  }

  // ------------------------------------------------ navigation and edited copies (openapi/reparse.ts)

  /** The document's node (where pointers start); meaningful when the index is not empty. */
  get root(): number {
    return this.rootNode;
  }

  kindOf(id: number): NodeKind {
    return this.kinds[id] as NodeKind;
  }

  startOf(id: number): number {
    return this.starts[id];
  }

  endOf(id: number): number {
    return this.ends[id];
  }

  /** The key that holds the node in its parent mapping, if any. */
  keyOf(id: number): string | undefined {
    return this.keys[id];
  }

  /** -1 when the node is not a mapping entry. */
  keyStartOf(id: number): number {
    return this.keyStarts[id];
  }

  keyEndOf(id: number): number {
    return this.keyEnds[id];
  }

  /** -1 when there is none. */
  firstChildOf(id: number): number {
    return this.firstChild[id];
  }

  /** -1 when there is none. */
  nextSiblingOf(id: number): number {
    return this.nextSibling[id];
  }

  /** Nodes in the subtree at `id`, itself included. */
  subtreeSize(id: number): number {
    let n = 0;
    const stack = [id];
    while (stack.length) {
      const node = stack.pop()!;
      n++;
      for (let c = this.firstChild[node]; c !== -1; c = this.nextSibling[c]) stack.push(c);
    }
    return n;
  }

  /**
   * A copy of this index for an edited text: the child `oldChild` of `parent` is replaced by
   * the subtree at `subNode` of `sub` (whose offsets are already the edited text's, key
   * included), and every other offset moves as `shift` says. This index is left as it was (the
   * previous version of a document stays valid for whoever still holds it). The replaced
   * subtree stays in the arrays, unreachable; the caller bounds that garbage.
   */
  withReplacedChild(parent: number, oldChild: number, sub: PositionIndex, subNode: number, shift: OffsetShift): PositionIndex {
    const added = sub.subtreeSize(subNode);
    const n = this.count;
    const out = new PositionIndex(n + added);
    out.count = n;
    out.rootNode = this.rootNode;
    // Inlined rather than a callback per offset: this runs over every node on every edit.
    const { from, delta, oldEnd, newEnd } = shift;
    const move = (src: Int32Array, dst: Int32Array) => {
      for (let i = 0; i < n; i++) {
        const o = src[i];
        dst[i] = o === oldEnd ? newEnd : o >= from ? o + delta : o;
      }
    };
    move(this.starts, out.starts);
    move(this.ends, out.ends);
    move(this.keyStarts, out.keyStarts); // -1 (no key) is below any `from`
    move(this.keyEnds, out.keyEnds);
    out.firstChild.set(this.firstChild.subarray(0, n));
    out.lastChild.set(this.lastChild.subarray(0, n));
    out.nextSibling.set(this.nextSibling.subarray(0, n));
    out.kinds.set(this.kinds.subarray(0, n));
    out.keys = this.keys.slice(0, n);
    // Copy the new subtree, depth-first, renumbering its nodes after the existing ones.
    const ids = new Map<number, number>();
    const order: number[] = [];
    const stack = [subNode];
    while (stack.length) {
      const node = stack.pop()!;
      ids.set(node, out.addNode(sub.starts[node], sub.ends[node], sub.kinds[node] as NodeKind));
      order.push(node);
      for (let c = sub.firstChild[node]; c !== -1; c = sub.nextSibling[c]) stack.push(c);
    }
    const mapped = (id: number) => (id === -1 ? -1 : ids.get(id)!);
    for (const node of order) {
      const id = ids.get(node)!;
      out.keys[id] = sub.keys[node];
      out.keyStarts[id] = sub.keyStarts[node];
      out.keyEnds[id] = sub.keyEnds[node];
      out.firstChild[id] = mapped(sub.firstChild[node]);
      out.lastChild[id] = mapped(sub.lastChild[node]);
      out.nextSibling[id] = node === subNode ? this.nextSibling[oldChild] : mapped(sub.nextSibling[node]);
    }
    // Link it where the old child was.
    const fresh = ids.get(subNode)!;
    if (out.firstChild[parent] === oldChild) out.firstChild[parent] = fresh;
    else {
      let c = out.firstChild[parent];
      while (c !== -1 && out.nextSibling[c] !== oldChild) c = out.nextSibling[c];
      if (c !== -1) out.nextSibling[c] = fresh;
    }
    if (out.lastChild[parent] === oldChild) out.lastChild[parent] = fresh;
    return out;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const more = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.starts = more(this.starts);
    this.ends = more(this.ends);
    this.keyStarts = more(this.keyStarts);
    this.keyEnds = more(this.keyEnds);
    this.firstChild = more(this.firstChild);
    this.lastChild = more(this.lastChild);
    this.nextSibling = more(this.nextSibling);
    const kinds = new Uint8Array(n);
    kinds.set(this.kinds);
    this.kinds = kinds;
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
