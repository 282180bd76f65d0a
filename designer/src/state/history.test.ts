import { describe, expect, it } from 'vitest';
import { History, type Snapshot } from './history';

const s = (yaml: string, x = 0): Snapshot => ({ yaml, positions: { a: { x, y: 0 } } });

describe('History', () => {
  it('undo_ThreeEdits_ReturnsToTheStartInOrder', () => {
    const h = new History(s('v0'));
    h.push(s('v1'));
    h.push(s('v2'), 'graph');
    h.push(s('v2', 10), 'drag');
    expect(h.undo()?.positions.a.x).toBe(0);
    expect(h.undo()?.yaml).toBe('v1');
    expect(h.undo()?.yaml).toBe('v0');
    expect(h.undo()).toBeUndefined();
    expect(h.canRedo).toBe(true);
    expect(h.redo()?.yaml).toBe('v1');
  });

  it('push_SameGroupWithinTheWindow_MergesIntoOneStep', () => {
    let now = 0;
    const h = new History(s(''), () => now);
    for (const text of ['企', '企业', '企业开办']) {
      now += 100;
      h.push(s(text), 'yaml');
    }
    now += 5000;
    h.push(s('企业开办!'), 'yaml');
    expect(h.undo()?.yaml).toBe('企业开办');
    expect(h.undo()?.yaml).toBe('');
  });

  it('push_Unchanged_RecordsNothing', () => {
    const h = new History(s('a'));
    expect(h.push(s('a'))).toBe(false);
    expect(h.canUndo).toBe(false);
  });

  it('push_AfterUndo_DropsTheRedoBranch', () => {
    const h = new History(s('a'));
    h.push(s('b'));
    h.undo();
    h.push(s('c'));
    expect(h.canRedo).toBe(false);
    expect(h.undo()?.yaml).toBe('a');
  });
});
