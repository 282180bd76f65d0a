/** One undoable state of the editor: the YAML text and the layout positions, so graph, inspector and YAML edits undo alike. */
export interface Snapshot {
  yaml: string;
  positions: Record<string, { x: number; y: number }>;
}

function same(a: Snapshot, b: Snapshot): boolean {
  if (a.yaml !== b.yaml) return false;
  if (a.positions === b.positions) return true;
  const ka = Object.keys(a.positions);
  if (ka.length !== Object.keys(b.positions).length) return false;
  return ka.every((k) => b.positions[k] && a.positions[k].x === b.positions[k].x && a.positions[k].y === b.positions[k].y);
}

/**
 * A linear undo history. Edits with the same group arriving within `coalesceMs` (typing in the YAML editor or a
 * field) merge into one step, so one undo takes back a word, not a keystroke.
 */
export class History {
  private past: Snapshot[] = [];
  private future: Snapshot[] = [];
  private lastGroup: string | undefined;
  private lastAt = 0;

  constructor(
    public present: Snapshot,
    private readonly now: () => number = () => Date.now(),
    private readonly limit = 500,
    private readonly coalesceMs = 800,
  ) {}

  /** Records a new present; returns false when nothing changed. */
  push(next: Snapshot, group?: string): boolean {
    if (same(next, this.present)) return false;
    const t = this.now();
    const merge = group !== undefined && group === this.lastGroup && t - this.lastAt < this.coalesceMs && this.past.length > 0;
    if (!merge) {
      this.past.push(this.present);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.present = next;
    this.future = [];
    this.lastGroup = group;
    this.lastAt = t;
    return true;
  }

  /** Replaces the present without an undo step (e.g. positions computed for new nodes). */
  replace(next: Snapshot): void {
    this.present = next;
  }

  undo(): Snapshot | undefined {
    const prev = this.past.pop();
    if (!prev) return undefined;
    this.future.push(this.present);
    this.present = prev;
    this.lastGroup = undefined;
    return prev;
  }

  redo(): Snapshot | undefined {
    const next = this.future.pop();
    if (!next) return undefined;
    this.past.push(this.present);
    this.present = next;
    this.lastGroup = undefined;
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
