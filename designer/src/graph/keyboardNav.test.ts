import { describe, expect, it } from 'vitest';
import { referenceGraph } from '../test/referenceGraph';
import { firstFocus, nextFocus } from './keyboardNav';

const g = referenceGraph;

describe('nextFocus', () => {
  it('→ follows the first transition out, ← goes back where the walk came from', () => {
    expect(nextFocus(g, 'received', 'ArrowRight', null)).toEqual({ id: 'approval', cameFrom: 'received' });
    expect(nextFocus(g, 'approval', 'ArrowLeft', 'received')).toEqual({ id: 'received', cameFrom: null });
  });

  it('↓ and ↑ step through the other states reachable from the same place, wrapping round', () => {
    // from 收件: 并联审批, 补正材料, 撤回
    expect(nextFocus(g, 'approval', 'ArrowDown', 'received')).toEqual({ id: 'correcting', cameFrom: 'received' });
    expect(nextFocus(g, 'correcting', 'ArrowDown', 'received')).toEqual({ id: 'withdrawn', cameFrom: 'received' });
    expect(nextFocus(g, 'withdrawn', 'ArrowDown', 'received')).toEqual({ id: 'approval', cameFrom: 'received' });
    expect(nextFocus(g, 'approval', 'ArrowUp', 'received')).toEqual({ id: 'withdrawn', cameFrom: 'received' });
  });

  it('a parallel state leads into its branches; a branch initial state leads back to it', () => {
    // the join and refusal edges come first, then the branches' initial states
    expect(nextFocus(g, 'approval', 'ArrowRight', null)).toEqual({ id: 'issuing', cameFrom: 'approval' });
    expect(nextFocus(g, 'rejected', 'ArrowDown', 'approval')).toEqual({ id: 'approval/market/reviewing', cameFrom: 'approval' });
    expect(nextFocus(g, 'approval/market/reviewing', 'ArrowLeft', null)).toEqual({ id: 'approval', cameFrom: null });
    expect(nextFocus(g, 'approval/market/reviewing', 'ArrowRight', null)).toEqual({ id: 'approval/market/approved', cameFrom: 'approval/market/reviewing' });
  });

  it('stays put where there is nowhere to go', () => {
    expect(nextFocus(g, 'issued', 'ArrowRight', null)).toBeNull();
    expect(nextFocus(g, 'received', 'ArrowLeft', null)).toEqual({ id: 'correcting', cameFrom: null });
    expect(nextFocus(g, 'issuing', 'ArrowDown', 'approval')).toEqual({ id: 'rejected', cameFrom: 'approval' });
    expect(nextFocus(g, 'issued', 'ArrowDown', null)).toBeNull();
  });
});

describe('firstFocus', () => {
  it('starts on the main flow initial state', () => {
    expect(firstFocus(g)).toBe('received');
  });
});
