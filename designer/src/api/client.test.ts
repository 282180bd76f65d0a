import { describe, expect, it } from 'vitest';
import { ApiError, errorText, normalizeGraph, normalizeSimulation, problemMessage, usablePositions } from './client';
import type { GraphDto, SimulationResult } from './types';

describe('normalizeGraph', () => {
  it('maps the server camelCase node kinds to the engine names the graph code uses', () => {
    const graph = { nodes: [{ id: 'a', kind: 'parallel' }, { id: 'a/b', kind: 'branch' }, { id: 'c', kind: 'final' }, { id: 'd', kind: 'State' }], edges: [] } as unknown as GraphDto;
    expect(normalizeGraph({ graph }).graph!.nodes.map((n) => n.kind)).toEqual(['Parallel', 'Branch', 'Final', 'State']);
  });

  it('leaves a missing graph alone', () => {
    expect(normalizeGraph({ graph: null })).toEqual({ graph: null });
  });
});

describe('normalizeSimulation', () => {
  it('turns the server region list into a region → state map', () => {
    const result = normalizeSimulation({
      steps: [{ index: 1, regions: [{ region: 'main', state: 'approval' }, { region: 'approval/tax', state: 'reviewing' }] }],
    } as unknown as SimulationResult);

    expect(result.steps[0].regions).toEqual({ main: 'approval', 'approval/tax': 'reviewing' });
  });

  it('keeps a map as it is', () => {
    const result = normalizeSimulation({ steps: [{ index: 1, regions: { main: 'issued' } }] } as unknown as SimulationResult);

    expect(result.steps[0].regions).toEqual({ main: 'issued' });
  });
});

describe('problemMessage', () => {
  it('names every field error after the detail', () => {
    const body = {
      title: 'invalid request',
      detail: 'the request body has invalid fields',
      errors: { 'applicant.phone': ['not a phone number'], 'submitted[1]': ['empty: name a material code'] },
    };

    expect(problemMessage(body)).toBe('the request body has invalid fields — applicant.phone: not a phone number; submitted[1]: empty: name a material code');
  });

  it('is the detail (or the title) when there are no field errors, and nothing for a body that is not a problem', () => {
    expect(problemMessage({ title: 'conflict', detail: 'the case is finished' })).toBe('the case is finished');
    expect(problemMessage({ title: 'not found' })).toBe('not found');
    expect(problemMessage('plain text')).toBeNull();
    expect(problemMessage(null)).toBeNull();
  });
});

describe('usablePositions', () => {
  it('keeps positions with finite x and y and drops the rest, so a broken layout file never breaks the canvas', () => {
    const stored = { a: { x: 10, y: 20 }, b: 'x', c: { x: 'left', y: 1 }, d: { x: 1 }, e: null, f: { x: 0, y: -5.5 } };

    expect(usablePositions(stored)).toEqual({ a: { x: 10, y: 20 }, f: { x: 0, y: -5.5 } });
    expect(usablePositions(5)).toEqual({});
    expect(usablePositions([{ x: 1, y: 1 }])).toEqual({});
  });
});

describe('errorText', () => {
  const refusal = new ApiError(409, "The case is finished (approved); 'accept' is no longer possible.", {
    title: 'conflict',
    detail: "The case is finished (approved); 'accept' is no longer possible.",
    code: 'HQ6004',
    reason: '办件已办结（approved），不能再执行“accept”。',
  });

  it("tells a refusal in the user's language: the engine's Chinese reason, or the English detail", () => {
    expect(errorText(refusal, 'zh')).toBe('办件已办结（approved），不能再执行“accept”。');
    expect(errorText(refusal, 'en')).toBe("The case is finished (approved); 'accept' is no longer possible.");
  });

  it("says a missing or expired token in the page's words when it has them", () => {
    const expired = new ApiError(401, 'GET /api/worklist: HTTP 401', null);

    expect(errorText(expired, 'zh', '访问令牌无效')).toBe('访问令牌无效');
    expect(errorText(expired, 'zh')).toBe('GET /api/worklist: HTTP 401');
  });

  it('is the message of any other error', () => {
    expect(errorText(new ApiError(400, 'the request body has invalid fields', { detail: 'x' }), 'zh')).toBe('the request body has invalid fields');
    expect(errorText(new Error('network down'), 'zh')).toBe('network down');
    expect(errorText('odd', 'en')).toBe('odd');
  });
});
