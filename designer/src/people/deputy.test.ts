import { describe, expect, it } from 'vitest';
import type { Me, PeopleDepartment } from '../api/peopleTypes';
import { deputyBody, deputyCandidates, deputyProblem, isCurrent, personName } from './deputy';

const directory: PeopleDepartment[] = [
  {
    id: 'market',
    name: '市场监督管理局',
    positions: [],
    people: [
      { id: 'zhang-wei', name: '张伟', positions: ['handler'] },
      { id: 'li-na', name: '李娜', positions: ['reviewer'] },
    ],
  },
  { id: 'tax', name: '税务局', positions: [], people: [{ id: 'wang-qiang', name: '王强', positions: ['handler'] }] },
  { id: 'market-2', name: '市场监督管理局二处', positions: [], people: [{ id: 'li-na', name: '李娜', positions: ['leader'] }] },
];
const me: Me = { id: 'zhang-wei', name: '张伟', departments: ['market', 'market-2'], positions: ['handler'], deputy: null, actingFor: [] };

describe('deputy (代理)', () => {
  it('offers the people of my departments, not me, not other departments, each once', () => {
    expect(deputyCandidates(directory, me).map((p) => p.id)).toEqual(['li-na']);
  });

  it('asks for a person and a last day, and refuses a last day before the first', () => {
    expect(deputyProblem({ deputy: '', from: '', until: '2026-12-09' })).toBe('deputyPickPerson');
    expect(deputyProblem({ deputy: 'li-na', from: '', until: '' })).toBe('deputyPickUntil');
    expect(deputyProblem({ deputy: 'li-na', from: '2026-12-10', until: '2026-12-09' })).toBe('deputyUntilBeforeFrom');
    expect(deputyProblem({ deputy: 'li-na', from: '2026-12-09', until: '2026-12-09' })).toBeNull();
  });

  it('sends the whole last day in China Standard Time, and from only when chosen', () => {
    expect(deputyBody({ deputy: 'li-na', from: '', until: '2026-12-31' })).toEqual({ deputy: 'li-na', until: '2027-01-01T00:00:00+08:00' });
    expect(deputyBody({ deputy: 'li-na', from: '2026-12-08', until: '2026-12-09' })).toEqual({
      deputy: 'li-na',
      from: '2026-12-08T00:00:00+08:00',
      until: '2026-12-10T00:00:00+08:00',
    });
  });

  it('names people from the directory and shows only a deputy not yet ended', () => {
    expect(personName(directory, 'wang-qiang')).toBe('王强');
    expect(personName(directory, 'nobody')).toBe('nobody');
    const view = { principal: 'zhang-wei', principalName: '张伟', deputy: 'li-na', from: '2026-12-08T00:00:00+08:00', until: '2026-12-10T00:00:00+08:00', active: true };
    expect(isCurrent(view, new Date('2026-12-09T12:00:00+08:00'))).toBe(true);
    expect(isCurrent(view, new Date('2026-12-10T00:00:01+08:00'))).toBe(false);
    expect(isCurrent(null, new Date())).toBe(false);
  });
});

describe('deputy days', () => {
  it('reads the last day back from the instant sent', async () => {
    const { lastDayOf, dayOf } = await import('./deputy');
    const body = deputyBody({ deputy: 'li-na', from: '', until: '2026-12-31' });
    expect(lastDayOf({ principal: 'a', principalName: null, deputy: 'li-na', from: '2026-12-08T00:00:00+08:00', until: body.until, active: true })).toBe('2026-12-31');
    expect(dayOf('2026-12-08T16:30:00Z')).toBe('2026-12-09');
  });
});
