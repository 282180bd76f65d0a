import { describe, expect, it } from 'vitest';
import type { GraphDto } from '../api/types';
import { badgesFor, returnEdgesOf } from '../graph/mapGraph';
import { parsePass, returnsOf, signingBadge, taskRuleOf, withTaskField } from './taskRule';

describe('task rule edits', () => {
  it('sets a field and removes it when emptied, keeping keys the form does not show', () => {
    const rule = withTaskField({ position: 'handler', approve: 'grant' }, 'notSameAs', 'review');
    expect(rule).toEqual({ position: 'handler', approve: 'grant', notSameAs: 'review' });
    expect(withTaskField(rule, 'notSameAs', '')).toEqual({ position: 'handler', approve: 'grant' });
    expect(withTaskField(rule, 'transfer', false)).not.toHaveProperty('transfer');
    expect(withTaskField(null, 'position', 'reviewer')).toEqual({ position: 'reviewer' });
  });

  it('starts the signers from the position for 会签, keeps pass for 票签 only, clears all for one person', () => {
    const all = withTaskField({ position: 'registration-office' }, 'signing', 'all');
    expect(all).toEqual({ position: 'registration-office', signing: 'all', signers: ['registration-office'] });
    const vote = withTaskField({ signing: 'vote', signers: ['committee', 'committee', 'committee'], pass: 2 }, 'signing', 'sequential');
    expect(vote).toEqual({ signing: 'sequential', signers: ['committee', 'committee', 'committee'] });
    expect(withTaskField({ signing: 'all', signers: ['a', 'b'], position: 'a' }, 'signing', 'single')).toEqual({ position: 'a' });
  });

  it('reads pass as a count or a share, returns as any or steps', () => {
    expect(parsePass('2')).toBe(2);
    expect(parsePass(' 67% ')).toBe('67%');
    expect(parsePass('0')).toBeUndefined();
    expect(parsePass('two')).toBeUndefined();
    expect(returnsOf({ returns: 'any' })).toEqual({ any: true, steps: [] });
    expect(returnsOf({ returns: ['review'] })).toEqual({ any: false, steps: ['review'] });
    expect(returnsOf(null)).toEqual({ any: false, steps: [] });
    expect(taskRuleOf('handler')).toBeNull();
  });

  it('badges 会签, 依次 and 票签 with its pass rule, nothing for one person', () => {
    expect(signingBadge({ signing: 'all' })).toBe('会签');
    expect(signingBadge({ signing: 'sequential' })).toBe('依次');
    expect(signingBadge({ signing: 'any' })).toBe('或签');
    expect(signingBadge({ signing: 'vote', signers: ['c', 'c', 'c'], pass: 2 })).toBe('票签 2/3');
    expect(signingBadge({ signing: 'vote', pass: '67%' })).toBe('票签 67%');
    expect(signingBadge({ position: 'handler' })).toBeNull();
  });
});

describe('the graph of personal tasks', () => {
  const definition = {
    states: {
      review: { department: 'market-regulation', task: { position: 'handler' }, on: { approve: 'checking' } },
      checking: { department: 'market-regulation', task: { signing: 'all', signers: ['handler', 'reviewer'], returns: ['review'] }, on: { approve: 'approving' } },
      approving: { department: 'market-regulation', task: { position: 'leader', returns: 'any' }, on: { approve: 'issued' } },
      issued: { final: true },
    },
  };
  const node = (id: string, kind: 'State' | 'Final' = 'State') => ({ id, name: id, label: id, kind, parent: null, initial: id === 'review', detail: null });
  const graph: GraphDto = { nodes: [node('review'), node('checking'), node('approving'), node('issued', 'Final')], edges: [] };

  it('badges the 会签 step', () => {
    expect(badgesFor(definition, node('checking'))).toContainEqual({ kind: 'signing', text: '会签', raw: 'task.signing' });
    expect(badgesFor(definition, node('review')).some((b) => b.kind === 'signing')).toBe(false);
  });

  it('draws a dashed return edge to each allowed step, any meaning every other task step of the region', () => {
    const edges = returnEdgesOf(graph, definition);
    expect(edges.map((e) => `${e.source}->${e.target}`)).toEqual(['checking->review', 'approving->review', 'approving->checking']);
    expect(edges.every((e) => e.data?.kind === 'return' && e.selectable === false && e.label === '退回')).toBe(true);
  });
});
