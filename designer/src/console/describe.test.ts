import { describe, expect, it } from 'vitest';
import type { ItemModel } from '../api/types';
import { translate, type Key } from '../i18n/i18n';
import { dataLine, describeEvent, namesOf, scopeLabel, scopeName } from './describe';

const model: ItemModel = {
  code: 'QYKB-0001',
  name: '企业开办',
  version: 1,
  kind: 'commitment',
  lead: 'government-service',
  calendar: 'cn-mainland',
  promised: '0.5wd',
  statutory: null,
  materials: [
    { id: 'application', name: '企业开办一表申请书', core: true, tolerable: false, committable: false, shared: null, optional: false },
    { id: 'shareholder-resolution', name: '股东会决议', core: false, tolerable: true, committable: false, shared: null, optional: false },
  ],
  toleranceMaxMissing: 1,
  commitment: false,
  departments: ['market-regulation', 'tax'],
  procedures: [{ id: 'name-verification', name: '名称核准', max: '5wd' }],
  branches: [
    { region: 'approval/market', name: 'market', title: '营业执照', department: 'market-regulation' },
    { region: 'approval/tax', name: 'tax', title: '发票与税控', department: 'tax' },
  ],
  obligations: [{ id: 'rectify', name: '现场整改' }],
  stateTitles: { issuing: '出证', approval: '并联审批' },
  states: ['received', 'approval', 'issuing', 'issued'],
};
const departments: Record<string, string> = { 'market-regulation': '市场监督管理局', tax: '税务局' };
const zh = (key: Key, vars?: Record<string, string | number>) => translate('zh', key, vars);
const en = (key: Key, vars?: Record<string, string | number>) => translate('en', key, vars);
const names = namesOf(model, (id) => departments[id] ?? id, zh);
const say = (type: string, data: Record<string, string | null>, t = zh) => describeEvent({ type, data }, t, names);

describe('describeEvent', () => {
  it('names materials instead of their ids', () => {
    expect(say('materials-tolerated', { materials: 'shareholder-resolution' })).toBe('股东会决议');
    expect(say('supplement', { materials: 'application, shareholder-resolution' })).toBe('企业开办一表申请书、股东会决议');
    expect(say('notice', { kind: 'one-time', materials: 'application' })).toBe('告知需补：企业开办一表申请书');
  });

  it('names time limits by their kind with the due time in China time', () => {
    expect(say('timer-set', { due: '2026-11-27T13:30:00.0000000+08:00', id: 'obligation-due:case:supplement:5', kind: 'obligation-due' })).toBe(
      '待履行事项到期：2026/11/27 13:30:00',
    );
    expect(say('timer', { id: 'branch-warning:approval/market:-:6', kind: 'BranchWarning' })).toBe('并联环节预警');
  });

  it('names branches, states, procedures and obligations', () => {
    expect(say('branch-deemed', { branch: 'tax', outcome: 'approved' })).toBe('发票与税控 · 税务局 超时未办，视为同意');
    expect(say('joined', { approved: 'market, tax', join: 'all', refused: '', result: 'approved' })).toBe(
      '准予办理；同意：营业执照 · 市场监督管理局、发票与税控 · 税务局',
    );
    expect(say('warning', { level: 'yellow', scope: 'approval/market' })).toBe('黄灯 · 营业执照 · 市场监督管理局');
    expect(say('warning', { level: 'red', scope: 'case' })).toBe('红灯 · 整件');
    expect(say('warning', { level: 'red', scope: 'main:issuing' })).toBe('红灯 · 出证');
    expect(say('procedure-start', { procedure: 'name-verification' })).toBe('名称核准');
    expect(say('clock-paused', { reason: 'name-verification' })).toBe('名称核准');
    expect(say('clock-paused', { reason: 'waiting-applicant' })).toBe('等待申请人');
    expect(say('clock-paused', { reason: 'approval' })).toBe('并联审批');
    expect(say('obligation-opened', { id: 'supplement', kind: 'supplement' })).toBe('补交容缺材料');
    expect(say('obligation-breached', { id: 'rectify' })).toBe('现场整改');
  });

  it('reads a notification as channel, recipient, title and text', () => {
    expect(
      say('notification', { body: '张**：您申请的“企业开办”已办结。', channel: 'sms', dedupKey: 'x:6:decision', recipient: 'applicant', template: 'decision', title: '办理结果通知' }),
    ).toBe('短信 → 申请人：办理结果通知：张**：您申请的“企业开办”已办结。');
  });

  it('shows a rating as stars with its comment, and a default rating as such', () => {
    expect(say('rate', { comment: '还可以', defaulted: 'False', level: '3' })).toBe('★★★☆☆ 还可以');
    expect(say('rate', { defaulted: 'True', level: '5' })).toBe('★★★★★ （未评价，系统默认）');
  });

  it('keeps what staff wrote, and shows unknown data as key=value', () => {
    expect(say('refuse', { reason: '不符合法定条件' })).toBe('不符合法定条件');
    expect(say('rectify', { note: '已约谈窗口' })).toBe('已约谈窗口');
    expect(say('case-started', { definition: 'QYKB-0001@1' })).toBe('事项 QYKB-0001 第 1 版');
    expect(say('fetch-requested', { source: 'medical-insurance.settlement' })).toBe('共享来源：medical-insurance.settlement');
    expect(say('custom-event', { a: '1', b: '2' })).toBe('a=1 b=2');
  });

  it('speaks English when asked', () => {
    expect(say('branch-deemed', { branch: 'tax' }, en)).toBe('发票与税控 · 税务局 did not decide in time: deemed approved');
    expect(say('timer', { kind: 'CaseRed' }, en)).toBe('case due (red)');
  });

  it('leaves ids the model does not know as they are', () => {
    const bare = namesOf(null, (id) => id, zh);
    expect(describeEvent({ type: 'materials-submitted', data: { materials: 'premises' } }, zh, bare)).toBe('premises');
    expect(scopeName('approval/seal', bare)).toBe('approval/seal');
  });
});

describe('scopeLabel', () => {
  it('names the whole case, else takes the server\'s title, else the scope as written', () => {
    expect(scopeLabel({ scope: 'case' }, zh)).toBe('整件');
    expect(scopeLabel({ scope: 'approval/tax', scopeTitle: '发票与税控' }, zh)).toBe('发票与税控');
    expect(scopeLabel({ scope: 'approval/tax', scopeTitle: null }, zh)).toBe('approval/tax');
  });
});

describe('dataLine', () => {
  it('shows instants in China time and leaves other values as they are', () => {
    expect(dataLine({ due: '2026-11-27T13:30:00.0000000+08:00', kind: 'obligation-due', empty: '' })).toBe('due=2026/11/27 13:30:00 kind=obligation-due');
    expect(dataLine({ due: '2026-11-27T05:30:00Z' })).toBe('due=2026/11/27 13:30:00');
    expect(dataLine({ materials: 'premises', note: '2026 年底前' })).toBe('materials=premises note=2026 年底前');
  });
});
