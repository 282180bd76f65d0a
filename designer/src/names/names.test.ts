import { describe, expect, it } from 'vitest';
import { say, type WordKey } from './words';
import { durationsInText, durationWords, formatDuration, normalizeAmount, parseDuration } from './duration';
import { idFromTitle, idProblem, idRule, idWords } from './ids';
import { changeWords, locationWords, titlesInText, triggerWords, type Words } from './locations';

const w: Words = { t: (key, vars) => say('zh', key, vars), departments: { 'market-regulation': '市场监督管理局' } };
const unitZh = (u: string) => say('zh', `unit_${u}` as WordKey);

describe('ids from titles', () => {
  it('writes the pinyin of a Chinese title as kebab words', () => {
    expect(idWords('出证')).toBe('chu-zheng');
    expect(idWords('营业执照 审查')).toBe('ying-ye-zhi-zhao-shen-cha');
    expect(idWords('补正材料（受理前）')).toBe('bu-zheng-cai-liao-shou-li-qian');
    expect(idWords('ABC 证明2')).toBe('abc-zheng-ming-2');
  });

  it('keeps the id rule and is unique among the taken ids', () => {
    expect(idFromTitle('出证', [])).toBe('chu-zheng');
    expect(idFromTitle('出证', ['chu-zheng'])).toBe('chu-zheng-2');
    expect(idFromTitle('出证', ['chu-zheng', 'chu-zheng-2'])).toBe('chu-zheng-3');
    expect(idFromTitle('？！', [], 'state')).toBe('state');
    expect(idFromTitle('2024 年报', [], 'material')).toBe('material-2024-nian-bao');
    for (const title of ['出证', '2024 年报', '？！', '绿（lǜ）色通道', '一'.repeat(60)]) expect(idFromTitle(title, [], 'x')).toMatch(idRule);
    expect(idWords('一'.repeat(60)).length).toBeLessThanOrEqual(40);
  });

  it('says what is wrong with an edited id', () => {
    expect(idProblem('', [])).toBe('empty');
    expect(idProblem('Chu Zheng', [])).toBe('invalid');
    expect(idProblem('chu-zheng', ['chu-zheng'])).toBe('taken');
    expect(idProblem('chu-zheng', ['chu-zheng'], 'chu-zheng')).toBeNull();
  });
});

describe('durations', () => {
  it('round-trips the DSL syntax', () => {
    expect(parseDuration('0.5wd')).toEqual({ amount: '0.5', unit: 'wd' });
    expect(parseDuration('15min')).toEqual({ amount: '15', unit: 'min' });
    expect(parseDuration('P1D')).toBeNull();
    expect(parseDuration('')).toBeNull();
    expect(formatDuration('3', 'wd')).toBe('3wd');
    expect(formatDuration('0.50', 'wh')).toBe('0.5wh');
    expect(formatDuration('３', 'd')).toBe('3d');
    expect(formatDuration('0', 'd')).toBeNull();
    expect(formatDuration('abc', 'd')).toBeNull();
    expect(normalizeAmount('1，5')).toBe('1.5');
    for (const text of ['0.5wd', '3wh', '30d', '2h', '15min', '8.5wd']) {
      const p = parseDuration(text)!;
      expect(formatDuration(p.amount, p.unit)).toBe(text);
    }
  });

  it('says durations in words', () => {
    expect(durationWords('0.5wd', unitZh)).toBe('0.5 工作日');
    expect(durationWords('3wh', unitZh)).toBe('3 工作小时');
    expect(durationWords('30d', unitZh)).toBe('30 自然日');
    expect(durationsInText('承诺时限由 0.5wd 改为 0.25wd。', unitZh)).toBe('承诺时限由 0.5 工作日 改为 0.25 工作日。');
    expect(durationsInText('v2 版本', unitZh)).toBe('v2 版本');
  });
});

const definition = {
  item: { code: 'X', name: '企业开办', specialProcedures: [{ id: 'name-verification', name: '企业名称争议核查' }] },
  materials: [{ id: 'application', name: '企业开办一表申请书' }],
  states: {
    received: { title: '收件', on: { accept: { to: 'approval', by: 'window' }, 'notify-missing': 'correcting' }, after: { '30d': 'not-accepted' } },
    approval: {
      title: '并联审批',
      parallel: { branches: { market: { title: '营业执照', department: 'market-regulation', states: { reviewing: { title: '审查', on: { approve: 'approved' } } } }, tax: { use: 'review' } } },
    },
    issuing: { title: '出证', on: { issue: { to: 'issued', title: '出证' } } },
    correcting: {},
  },
  fragments: { review: { states: { checking: { title: '核查' } } } },
  templates: { decision: { title: '办理结果通知' } },
};

describe('locations in names', () => {
  it('names states, events and fields of a JSON pointer', () => {
    expect(locationWords('/states/issuing/on/issue', definition, w)).toBe('状态“出证” › 事件“出证”');
    expect(locationWords('/states/received/on/accept/by', definition, w)).toBe('状态“收件” › 事件“受理” › 办理角色');
    expect(locationWords('/states/received/after/30d', definition, w)).toBe('状态“收件” › 定时器“30 自然日”');
    expect(locationWords('/states/approval/parallel/branches/market/states/reviewing/on/approve', definition, w)).toBe('状态“并联审批” › 分支“营业执照” › 状态“审查” › 事件“同意”');
    expect(locationWords('/states/approval/parallel/branches/tax/states/checking', definition, w)).toBe('状态“并联审批” › 分支“tax” › 状态“核查”');
    expect(locationWords('/states/approval/parallel/branches/market/department', definition, w)).toBe('状态“并联审批” › 分支“营业执照” › 部门');
    expect(locationWords('/materials/0/name', definition, w)).toBe('材料“企业开办一表申请书” › 名称');
    expect(locationWords('/item/timeLimit/promised', definition, w)).toBe('事项 › 时限 › 承诺时限');
    expect(locationWords('/item/specialProcedures/0/max', definition, w)).toBe('事项 › 特别程序“企业名称争议核查” › max');
    expect(locationWords('/tolerance/onBreach', definition, w)).toBe('容缺受理 › 逾期转入');
    expect(locationWords('/notify/1/template', definition, w)).toBe('通知规则 第 2 条 › 模板');
    expect(locationWords('/templates/decision/body', definition, w)).toBe('通知模板“办理结果通知” › 正文');
    expect(locationWords('/fragments/review/states/checking', definition, w)).toBe('片段“核查” › 状态“核查”');
    expect(locationWords('/states/nowhere', definition, w)).toBe('状态“nowhere”');
    expect(locationWords(undefined, definition, w)).toBe('');
  });

  it('names the places of semantic changes', () => {
    expect(changeWords({ area: 'transition', key: 'main:issuing+issue', field: null }, definition, w)).toBe('状态“出证” › 事件“出证”');
    expect(changeWords({ area: 'state', key: 'main:issuing', field: 'title' }, definition, w)).toBe('状态“出证” › 显示名称');
    expect(changeWords({ area: 'state', key: 'approval/market:reviewing', field: null }, definition, w)).toBe('状态“并联审批” › 分支“营业执照” › 状态“审查”');
    expect(changeWords({ area: 'branch', key: 'approval/market', field: 'department' }, definition, w)).toBe('状态“并联审批” › 分支“营业执照” › 部门');
    expect(changeWords({ area: 'limit', key: 'item', field: 'promised' }, definition, w)).toBe('事项 › 时限 › 承诺时限');
    expect(changeWords({ area: 'limit', key: 'state main:issuing', field: null }, definition, w)).toBe('状态“出证” › 时限');
    expect(changeWords({ area: 'material', key: 'application', field: 'core' }, definition, w)).toBe('材料“企业开办一表申请书” › 核心材料');
    expect(changeWords({ area: 'transition', key: 'main:received+accept#2', field: null }, definition, w)).toBe('状态“收件” › 事件“受理” › 第 2 条');
    expect(changeWords({ area: 'notification', key: 'enter correcting → applicant', field: null }, definition, w)).toBe('通知规则：进入状态“correcting” → 申请人');
    expect(changeWords({ area: 'tolerance', key: 'tolerance', field: 'maxMissing' }, definition, w)).toBe('容缺 › 最多缺件数');
  });

  it('says notification triggers in words', () => {
    expect(triggerWords(w, 'enter issuing', definition)).toBe('进入状态“出证”');
    expect(triggerWords(w, 'warning red', definition)).toBe('红灯预警');
    expect(triggerWords(w, 'event accept', definition)).toBe('事件“受理”');
    expect(triggerWords(w, 'obligation supplement due', definition)).toBe('补交容缺材料·到期提醒');
  });
});

describe('titles in a server sentence', () => {
  it('replaces quoted state names by titles and durations by words', () => {
    expect(titlesInText('主流程状态“correcting”在第 2 版中没有对应状态，也未声明映射。', { correcting: '补正材料（受理前）' }, w)).toBe('主流程状态“补正材料（受理前）”在第 2 版中没有对应状态，也未声明映射。');
    expect(titlesInText('承诺时限 0.5wd → 0.25wd', {}, w)).toBe('承诺时限 0.5 工作日 → 0.25 工作日');
    expect(titlesInText('状态“unknown”', { correcting: '补正' }, w)).toBe('状态“unknown”');
  });
});

describe('the names dictionaries', () => {
  it('have the same keys, none empty, none shadowing the main dictionary, and no English word in Chinese', async () => {
    const { namesZh } = await import('../i18n/namesZh');
    const { namesEn } = await import('../i18n/namesEn');
    const { zh } = await import('../i18n/zh');
    expect(Object.keys(namesEn).sort()).toEqual(Object.keys(namesZh).sort());
    for (const [key, text] of Object.entries(namesZh)) {
      expect(text, key).not.toBe('');
      expect(Object.prototype.hasOwnProperty.call(zh, key), key).toBe(false);
      // Names of keys on the keyboard and of the YAML view are what the screen and the keyboard say; no other Latin letter.
      expect(text.replace(/\{\w+\}/g, '').replace(/\b(?:Ctrl|Shift|Alt)(?:\+\w+)+|\b(?:YAML|Enter|Esc|Tab|Delete|F\d+)\b/g, ''), key).not.toMatch(/[A-Za-z]/);
    }
  });
});
