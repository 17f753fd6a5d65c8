/**
 * Streams parser events into a PositionIndex. Both front ends (the js-yaml listener and the
 * jsonc-parser visitor) report "node opened at", "node closed at", and keys; this class owns
 * the stack so the two stay identical in how they link children.
 *
 * The stack is a set of parallel arrays reused across nodes rather than one object per open
 * node: this runs twice per YAML node (about 300,000 times on the GitHub description), and the
 * allocations were a measurable share of the parse (see docs/performance.md).
 */
import { NodeKind, PositionIndex } from './position-index';

export class IndexBuilder {
  readonly index: PositionIndex;
  /** Frames [0, top) are open; slots past `top` are left over from closed frames. */
  private top = 0;
  private readonly ids: number[] = [];
  private readonly starts: number[] = [];
  private readonly pendingKeys: (string | undefined)[] = [];
  private readonly pendingKeyStarts: number[] = [];
  private readonly pendingKeyEnds: number[] = [];
  private readonly hasChildren: boolean[] = [];
  /** Frames [0, allocated) have node ids; ids are given top-down so the root is node 0. */
  private allocated = 0;

  /** `capacity`: expected node count, when the caller can guess it (saves regrowing). */
  constructor(capacity?: number) {
    this.index = new PositionIndex(capacity);
  }

  open(start: number): void {
    const i = this.top++;
    this.ids[i] = -1;
    this.starts[i] = start;
    this.pendingKeys[i] = undefined;
    this.pendingKeyStarts[i] = -1;
    this.pendingKeyEnds[i] = -1;
    this.hasChildren[i] = false;
  }

  /** Closes the innermost node as a key of its parent mapping (it gets no node of its own). */
  closeAsKey(key: string, start: number, end: number): void {
    this.pop();
    const parent = this.top - 1;
    if (parent < 0) return;
    if (this.pendingKeys[parent] !== undefined) this.attachEmptyValue(parent);
    this.pendingKeys[parent] = key;
    this.pendingKeyStarts[parent] = start;
    this.pendingKeyEnds[parent] = end;
  }

  /** Closes the innermost node as a value (document root, mapping value or sequence item). */
  closeAsValue(start: number, end: number, kind: NodeKind): void {
    const depth = this.top - 1;
    if (depth < 0) return;
    this.ensureIds(depth);
    const id = this.ids[depth];
    this.index.setRange(id, start, end, kind);
    if (this.pendingKeys[depth] !== undefined) this.attachEmptyValue(depth);
    const frameStart = this.starts[depth];
    this.pop();
    const parent = this.top - 1;
    if (parent < 0) return;
    // js-yaml reports a flow collection that is a block sequence item twice (an outer node
    // wrapping the real one, both opened at the same offset): the wrapper becomes the real
    // node, so pointers reach the collection's children.
    if (kind !== NodeKind.Scalar && this.starts[parent] === frameStart && !this.hasChildren[parent] && this.pendingKeys[parent] === undefined) {
      // The document node (id 0) cannot be renumbered: the index starts pointers at the real one.
      if (this.ids[parent] === 0) this.index.setRoot(id);
      else this.ids[parent] = id;
      return;
    }
    this.attach(parent, id);
  }

  /** A scalar that opens and closes at once (JSON literals). */
  leaf(start: number, end: number): void {
    this.open(start);
    this.closeAsValue(start, end, NodeKind.Scalar);
  }

  /** Records a key whose value follows (JSON properties). */
  key(key: string, start: number, end: number): void {
    const parent = this.top - 1;
    if (parent < 0) return;
    if (this.pendingKeys[parent] !== undefined) this.attachEmptyValue(parent);
    this.pendingKeys[parent] = key;
    this.pendingKeyStarts[parent] = start;
    this.pendingKeyEnds[parent] = end;
  }

  get openStart(): number {
    return this.top ? this.starts[this.top - 1] : 0;
  }

  get depth(): number {
    return this.top;
  }

  private attach(parent: number, child: number): void {
    this.hasChildren[parent] = true;
    this.index.appendChild(this.ids[parent], child, this.pendingKeys[parent], this.pendingKeyStarts[parent], this.pendingKeyEnds[parent]);
    this.pendingKeys[parent] = undefined;
    this.pendingKeyStarts[parent] = this.pendingKeyEnds[parent] = -1;
  }

  /** `key:` with nothing after it still needs a node, so the key can be located. */
  private attachEmptyValue(parent: number): void {
    const child = this.index.addNode(this.pendingKeyEnds[parent], this.pendingKeyEnds[parent], NodeKind.Scalar);
    this.attach(parent, child);
  }

  private pop(): void {
    this.top--;
    // Drop the key string so a long-lived builder does not keep it alive.
    this.pendingKeys[this.top] = undefined;
    if (this.allocated > this.top) this.allocated = this.top;
  }

  private ensureIds(depth: number): void {
    for (let i = this.allocated; i <= depth; i++) {
      if (this.ids[i] === -1) this.ids[i] = this.index.addNode(this.starts[i], this.starts[i], NodeKind.Scalar);
    }
    if (this.allocated < depth + 1) this.allocated = depth + 1;
  }
}
