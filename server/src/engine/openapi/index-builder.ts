/**
 * Streams parser events into a PositionIndex. Both front ends (the js-yaml listener and the
 * jsonc-parser visitor) report "node opened at", "node closed at", and keys; this class owns
 * the stack so the two stay identical in how they link children.
 */
import { NodeKind, PositionIndex } from './position-index';

interface Frame {
  id: number;
  start: number;
  pendingKey?: string;
  pendingKeyStart: number;
  pendingKeyEnd: number;
}

export class IndexBuilder {
  readonly index = new PositionIndex();
  private readonly frames: Frame[] = [];
  /** Frames [0, allocated) have node ids; ids are given top-down so the root is node 0. */
  private allocated = 0;

  open(start: number): void {
    this.frames.push({ id: -1, start, pendingKeyStart: -1, pendingKeyEnd: -1 });
  }

  /** Closes the innermost node as a key of its parent mapping (it gets no node of its own). */
  closeAsKey(key: string, start: number, end: number): void {
    this.pop();
    const parent = this.frames[this.frames.length - 1];
    if (!parent) return;
    if (parent.pendingKey !== undefined) this.attachEmptyValue(parent);
    parent.pendingKey = key;
    parent.pendingKeyStart = start;
    parent.pendingKeyEnd = end;
  }

  /** Closes the innermost node as a value (document root, mapping value or sequence item). */
  closeAsValue(start: number, end: number, kind: NodeKind): void {
    const depth = this.frames.length - 1;
    if (depth < 0) return;
    this.ensureIds(depth);
    const frame = this.frames[depth];
    this.index.setRange(frame.id, start, end, kind);
    if (frame.pendingKey !== undefined) this.attachEmptyValue(frame);
    this.pop();
    const parent = this.frames[this.frames.length - 1];
    if (parent) this.attach(parent, frame.id);
  }

  /** A scalar that opens and closes at once (JSON literals). */
  leaf(start: number, end: number): void {
    this.open(start);
    this.closeAsValue(start, end, NodeKind.Scalar);
  }

  /** Records a key whose value follows (JSON properties). */
  key(key: string, start: number, end: number): void {
    const parent = this.frames[this.frames.length - 1];
    if (!parent) return;
    if (parent.pendingKey !== undefined) this.attachEmptyValue(parent);
    parent.pendingKey = key;
    parent.pendingKeyStart = start;
    parent.pendingKeyEnd = end;
  }

  get openStart(): number {
    return this.frames.length ? this.frames[this.frames.length - 1].start : 0;
  }

  get depth(): number {
    return this.frames.length;
  }

  private attach(parent: Frame, child: number): void {
    this.index.appendChild(parent.id, child, parent.pendingKey, parent.pendingKeyStart, parent.pendingKeyEnd);
    parent.pendingKey = undefined;
    parent.pendingKeyStart = parent.pendingKeyEnd = -1;
  }

  /** `key:` with nothing after it still needs a node, so the key can be located. */
  private attachEmptyValue(parent: Frame): void {
    const child = this.index.addNode(parent.pendingKeyEnd, parent.pendingKeyEnd, NodeKind.Scalar);
    this.attach(parent, child);
  }

  private pop(): void {
    this.frames.pop();
    if (this.allocated > this.frames.length) this.allocated = this.frames.length;
  }

  private ensureIds(depth: number): void {
    for (let i = this.allocated; i <= depth; i++) {
      const f = this.frames[i];
      if (f.id === -1) f.id = this.index.addNode(f.start, f.start, NodeKind.Scalar);
    }
    if (this.allocated < depth + 1) this.allocated = depth + 1;
  }
}
