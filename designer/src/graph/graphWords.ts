import { isKey, translate, type Key, type Lang } from '../i18n/i18n';

/**
 * The words the graph speaks: an edge reads 受理 · 窗口 · 材料齐全, a badge 容缺 or 超时默认同意 — never the YAML's ids and
 * expressions, which stay in the tooltip and the inspector. Item-specific ids without a title are shown as written.
 */
export interface GraphWords {
  lang: Lang;
  /** department id → name (organization.yaml); ids are shown while it is unknown */
  departments?: Record<string, string>;
}

const zhOnly = (w: GraphWords | undefined): GraphWords => w ?? { lang: 'zh' };

function word(w: GraphWords, prefix: string, id: string): string | undefined {
  const key = `${prefix}_${id}`;
  return isKey(key) ? translate(w.lang, key as Key) : undefined;
}

/** An event by its transition's `title`, else the built-in event's name, else the id as written. */
export function eventWord(words: GraphWords | undefined, event: string, title?: unknown): string {
  if (typeof title === 'string' && title.trim()) return title.trim();
  return word(zhOnly(words), 'ev', event) ?? event;
}

/** A role by name: 窗口, 申请人, 审批部门; `department:ID` by the department's name. */
export function roleWord(words: GraphWords | undefined, role: string): string {
  const w = zhOnly(words);
  if (role.startsWith('department:')) {
    const id = role.slice('department:'.length);
    return w.departments?.[id] ?? id;
  }
  return word(w, 'role', role.toLowerCase()) ?? role;
}

export function departmentWord(words: GraphWords | undefined, id: string): string {
  return zhOnly(words).departments?.[id] ?? id;
}

const zhGuard = {
  complete: '材料齐全',
  incomplete: '材料不齐',
  supplementDone: '容缺材料已补齐',
  verificationDone: '核查已完成',
  done: (ob: string) => `${ob}已履行`,
  open: (ob: string) => `${ob}未履行`,
  other: '附条件',
};
const enGuard: typeof zhGuard = {
  complete: 'materials complete',
  incomplete: 'materials missing',
  supplementDone: 'tolerated materials supplied',
  verificationDone: 'verification done',
  done: (ob) => `${ob} done`,
  open: (ob) => `${ob} open`,
  other: 'conditional',
};

/** The expression of a guard (`when:` as text or `{ js }` / `{ csharp }`). */
export function guardExpression(when: unknown): string | null {
  if (typeof when === 'string') return when;
  if (typeof when === 'object' && when !== null) {
    const o = when as Record<string, unknown>;
    if (typeof o.js === 'string') return o.js;
    if (typeof o.csharp === 'string') return o.csharp;
  }
  return null;
}

/**
 * A guard in a few words: the common ones by meaning (missing materials, open obligations), any other as 附条件 —
 * the expression itself is read in the tooltip or the inspector.
 */
export function guardWord(words: GraphWords | undefined, expression: string): string {
  const w = zhOnly(words);
  const g = w.lang === 'en' ? enGuard : zhGuard;
  const e = expression.replace(/\s+/g, ' ').trim().replace(/;$/, '');
  if (/^(missing\.length|Missing\.Count) ?(===?|==) ?0$/.test(e) || /^!missing\.length$/.test(e)) return g.complete;
  if (/^(missing\.length|Missing\.Count) ?(>|!==?) ?0$/.test(e) || /^missing\.length$/.test(e)) return g.incomplete;
  const done = /^! ?obligations\.open\( ?['"]([\w-]+)['"] ?\)$/.exec(e);
  if (done) {
    if (done[1] === 'supplement' && w.lang === 'zh') return g.supplementDone;
    if (done[1] === 'verification' && w.lang === 'zh') return g.verificationDone;
    return g.done(word(w, 'ob', done[1]) ?? done[1]);
  }
  const open = /^obligations\.open\( ?['"]([\w-]+)['"] ?\)$/.exec(e);
  if (open) return g.open(word(w, 'ob', open[1]) ?? open[1]);
  return g.other;
}

const units: Record<string, { zh: string; en: string }> = {
  wd: { zh: '个工作日', en: ' working days' },
  wh: { zh: '个工作小时', en: ' working hours' },
  d: { zh: '天', en: ' days' },
  h: { zh: '小时', en: ' hours' },
  m: { zh: '分钟', en: ' minutes' },
};

/** A duration as read aloud: 3wh → 3个工作小时, 30d → 30天; anything else as written. */
export function durationWord(words: GraphWords | undefined, duration: string): string {
  const m = /^(\d+(?:\.\d+)?)(wd|wh|d|h|m)$/.exec(duration.trim());
  if (!m) return duration;
  return m[1] + units[m[2]][zhOnly(words).lang];
}

const zhBadge: Record<string, string> = {
  tolerance: '容缺',
  commitment: '告知承诺',
  onBreach: '容缺逾期终止',
  onFalse: '承诺不实',
  'timeout:approve': '超时默认同意',
  'timeout:reject': '超时默认不同意',
  'clock:not-started': '不计时',
  'clock:waiting-applicant': '暂停计时',
  'clock:special-procedure': '特别程序',
  'clock:stopped': '停止计时',
};
const enBadge: Record<string, string> = {
  tolerance: 'tolerance',
  commitment: 'commitment',
  onBreach: 'tolerance breached',
  onFalse: 'pledge false',
  'timeout:approve': 'approve on timeout',
  'timeout:reject': 'reject on timeout',
  'clock:not-started': 'clock not started',
  'clock:waiting-applicant': 'clock paused',
  'clock:special-procedure': 'special procedure',
  'clock:stopped': 'clock stopped',
};

/** A fixed badge's words (容缺, 告知承诺, 超时默认同意 …); the key as written when there are none. */
export function badgeWord(words: GraphWords | undefined, key: string): string {
  const w = zhOnly(words);
  return (w.lang === 'en' ? enBadge : zhBadge)[key] ?? key.replace(/^[a-z]+:/, '');
}

/** An obligation id by name (补交容缺材料, 事后核查), else as written. */
export function obligationWord(words: GraphWords | undefined, id: string): string {
  return word(zhOnly(words), 'ob', id) ?? id;
}
