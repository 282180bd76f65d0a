import { describe, expect, it } from 'vitest';
import type { CaseTask, PeopleDepartment, PersonalTask } from '../api/peopleTypes';
import { candidates, operationForm, payloadFor, pendingSigners, previousHolders, rowOperations, sendsAtOnce, signerChoices, signingLabel } from './operations';
import { workloadRows } from './workload';

const directory: PeopleDepartment[] = [
  {
    id: 'market-regulation',
    name: '市场监督管理局',
    positions: [
      { id: 'handler', name: '承办人', assigns: false },
      { id: 'reviewer', name: '审核人', assigns: false },
      { id: 'leader', name: '分管领导', assigns: true },
    ],
    people: [
      { id: 'zhang-wei', name: '张伟', positions: ['handler'] },
      { id: 'li-na', name: '李娜', positions: ['handler'] },
      { id: 'wang-qiang', name: '王强', positions: ['reviewer'] },
      { id: 'zhao-min', name: '赵敏', positions: ['reviewer', 'handler'] },
    ],
  },
  { id: 'tax', name: '税务局', positions: [], people: [] },
];

const task = (over: Partial<CaseTask> = {}): CaseTask => ({
  region: 'main',
  branch: null,
  state: 'review',
  title: '登记审查（承办）',
  department: 'market-regulation',
  departmentName: '市场监督管理局',
  position: 'handler',
  positionName: '承办人',
  holder: 'zhang-wei',
  holderName: '张伟',
  delegate: null,
  delegateName: null,
  previous: [],
  signing: 'single',
  passCount: null,
  passRatio: null,
  signers: [],
  createdAt: '2025-06-09T01:00:00Z',
  cameFrom: null,
  cameFromPerson: null,
  acted: false,
  returns: [],
  transferToDepartment: false,
  urges: 0,
  transfers: 0,
  ...over,
});

describe('operation forms', () => {
  it('sends claim, release, recall and mark-read at once; the others open a form', () => {
    for (const e of ['claim', 'release', 'recall', 'mark-read']) expect(sendsAtOnce(e), e).toBe(true);
    for (const e of ['transfer', 'assign', 'delegate', 'send-back', 'add-signer', 'remove-signer', 'copy', 'urge', 'approve', 'refuse']) expect(sendsAtOnce(e), e).toBe(false);
  });

  it('asks a reason for 转办, 退回 and a refusal, a note for the rest', () => {
    expect(operationForm('transfer')).toMatchObject({ person: 'one', text: 'reason' });
    expect(operationForm('send-back')).toMatchObject({ step: true, text: 'reason' });
    expect(operationForm('refuse').text).toBe('reason');
    expect(operationForm('approve').text).toBe('note');
    expect(operationForm('record').text).toBe('note');
  });

  it('names what is missing before anything is sent', () => {
    expect(payloadFor('transfer', { to: 'li-na' }).missing).toBe('reason');
    expect(payloadFor('transfer', { text: '出差' }).missing).toBe('person');
    expect(payloadFor('send-back', { text: '材料不全' }).missing).toBe('step');
    expect(payloadFor('add-signer', {}).missing).toBe('signer');
    expect(payloadFor('copy', { recipients: [] }).missing).toBe('person');
    expect(payloadFor('refuse', { text: '  ' }).missing).toBe('reason');
  });

  it('builds the payloads docs/api.md lists', () => {
    expect(payloadFor('transfer', { to: 'li-na', text: ' 出差 ' }).payload).toEqual({ to: 'li-na', reason: '出差' });
    expect(payloadFor('transfer', { to: 'department:tax', text: '属税务' }).payload).toEqual({ department: 'tax', reason: '属税务' });
    expect(payloadFor('send-back', { step: 'review', text: '签字不全' }).payload).toEqual({ to: 'review', reason: '签字不全' });
    expect(payloadFor('add-signer', { signer: 'liu-yang' }).payload).toEqual({ signer: 'liu-yang', where: 'alongside' });
    expect(payloadFor('add-signer', { signer: 'liu-yang', where: 'before' }).payload).toEqual({ signer: 'liu-yang', where: 'before' });
    expect(payloadFor('remove-signer', { signer: 'archives-office' }).payload).toEqual({ signer: 'archives-office' });
    expect(payloadFor('delegate', { to: 'li-na' }).payload).toEqual({ to: 'li-na' });
    expect(payloadFor('copy', { recipients: ['department:tax'], text: '知悉' }).payload).toEqual({ to: ['department:tax'], note: '知悉' });
    expect(payloadFor('claim', {})).toEqual({});
    expect(payloadFor('approve', {})).toEqual({});
    expect(payloadFor('approve', { text: '同意' }).payload).toEqual({ note: '同意' });
  });
});

describe('pickers', () => {
  it('hands a task to the department people holding its position, not the holder', () => {
    expect(candidates(directory, task()).map((p) => p.id)).toEqual(['li-na', 'zhao-min']);
    expect(candidates(directory, task({ position: 'reviewer', holder: null })).map((p) => p.name)).toEqual(['王强', '赵敏']);
    expect(candidates(directory, task({ department: 'unknown' }))).toEqual([]);
  });

  it('offers people not signing and the positions for 加签, pending signers for 减签', () => {
    const signing = task({
      signing: 'all',
      signers: [
        { slot: 'handler', slotName: '承办人', person: 'zhang-wei', name: '张伟', decision: 'approve', at: '2025-06-09T02:00:00Z', note: null },
        { slot: 'reviewer', slotName: '审核人', person: null, name: null, decision: null, at: null, note: null },
      ],
    });
    const add = signerChoices(directory, signing).map((c) => c.id);
    expect(add).not.toContain('zhang-wei');
    expect(add).toEqual(expect.arrayContaining(['li-na', 'handler', 'leader']));
    expect(pendingSigners(signing)).toEqual([{ id: 'reviewer', name: '审核人' }]);
  });

  it('names earlier holders from the directory', () => {
    expect(previousHolders(directory, task({ previous: ['zhang-wei', 'someone'] }))).toEqual(['张伟', 'someone']);
  });

  it('offers a done or copied row only the task operations, a task row what the server listed for it', () => {
    const permitted = [
      { event: 'recall', region: 'main', target: null, title: '撤回' },
      { event: 'approve', region: 'main', target: 'issuing', title: '同意' },
      { event: 'urge', region: 'main', target: null, title: '催办' },
    ];
    expect(rowOperations({ task: null, permitted } as unknown as PersonalTask).map((p) => p.event)).toEqual(['recall', 'urge']);
    expect(rowOperations({ task: task(), permitted } as unknown as PersonalTask)).toHaveLength(3);
  });
});

describe('signing labels', () => {
  it('says 会签, 或签, 依次审批 and 票签 with its pass rule', () => {
    const three = [1, 2, 3].map(() => ({ slot: 'committee', slotName: null, person: null, name: null, decision: null, at: null, note: null }));
    expect(signingLabel(task({ signing: 'all' }))).toBe('会签');
    expect(signingLabel(task({ signing: 'any' }))).toBe('或签');
    expect(signingLabel(task({ signing: 'sequential' }))).toBe('依次审批');
    expect(signingLabel(task({ signing: 'vote', passCount: 2, signers: three }))).toBe('票签 2/3');
    expect(signingLabel(task({ signing: 'vote', passRatio: 0.5, signers: three }))).toBe('票签 ≥50%');
    expect(signingLabel(task())).toBeNull();
  });
});

describe('workload rows', () => {
  it('names people and positions, rounds hours, shows 退回率 in percent, busiest first', () => {
    const rows = workloadRows(
      [
        { key: 'handler', name: null, department: 'market-regulation', openTasks: 0, done: 4, averageHandlingHours: 1.26, returned: 1, returnRate: 0.25, transfers: 1, urged: 0 },
        { key: 'li-na', name: '李娜', department: 'market-regulation', openTasks: 2, done: 2, averageHandlingHours: null, returned: 0, returnRate: null, transfers: 0, urged: 1 },
      ],
      directory,
    );
    expect(rows.map((r) => r.name)).toEqual(['李娜', '承办人']);
    expect(rows[1]).toMatchObject({ average: '1.3', returnRate: '25.0%', departmentName: '市场监督管理局' });
    expect(rows[0]).toMatchObject({ average: '—', returnRate: '—' });
  });
});
