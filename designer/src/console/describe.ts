import type { HistoryEntry, ItemModel } from '../api/types';
import { isKey, labelOf, type Key } from '../i18n/i18n';
import { mappingPairs } from './migration';

export type Translate = (key: Key, vars?: Record<string, string | number>) => string;

/** How the console names what an event's data refers to by id. */
export interface Names {
  material(id: string): string;
  /** A branch by its region key (approval/tax) or its own name (tax), e.g. 发票与税控 · 税务局. */
  branch(keyOrName: string): string;
  state(name: string): string;
  procedure(id: string): string;
  obligation(id: string): string;
  department(id: string): string;
}

/** Names from an item's model (ids stay as they are when the model does not know them). */
export function namesOf(model: ItemModel | null, department: (id: string) => string, t: Translate): Names {
  const branches = model?.branches ?? [];
  const findBranch = (key: string) => branches.find((b) => b.region === key) ?? branches.find((b) => b.name === key);
  return {
    material: (id) => model?.materials.find((m) => m.id === id)?.name ?? id,
    branch: (key) => {
      const b = findBranch(key);
      if (!b) return key;
      const title = b.title ?? b.name;
      return `${title} · ${department(b.department)}`;
    },
    state: (name) => model?.stateTitles?.[name] ?? name,
    procedure: (id) => model?.procedures?.find((p) => p.id === id)?.name ?? id,
    obligation: (id) => model?.obligations?.find((o) => o.id === id)?.name ?? labelOf(t, 'ob', id),
    department,
  };
}

/** Instants in China time, as the console shows them everywhere (2026/11/27 13:30:00). */
export function when(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

const isInstant = (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v));

/** An event's data as a line of `key=value`, instants in local time (2026/11/27 13:30:00) rather than ISO text. */
export function dataLine(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${typeof v === 'string' && isInstant(v) ? when(v) : v}`)
    .join(' ');
}

/** The server sends lists as "a, b, c". */
const listOf = (v: string | null | undefined) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : []);

/** Timer kinds come kebab-cased in `timer-set` (branch-warning) and Pascal-cased in `timer` (BranchWarning). */
const kebab = (v: string) => v.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/**
 * What an event says, in the reader's words: material, branch, state, procedure and obligation names instead of ids,
 * instants in China time, a rating as stars. Events the console does not know show their data as `key=value`.
 */
export function describeEvent(e: Pick<HistoryEntry, 'type' | 'data'>, t: Translate, names: Names): string {
  const d = e.data;
  const get = (k: string) => d[k] ?? '';
  const join = (ids: string[], name: (id: string) => string) => ids.map(name).join('、');
  const materials = () => join(listOf(d.materials), names.material);
  switch (e.type) {
    case 'case-started': {
      const [code, version] = get('definition').split('@');
      return code ? t('d_definition', { code, version: version ?? '' }) : '';
    }
    case 'materials-submitted':
    case 'materials-tolerated':
    case 'materials-committed':
    case 'supplement':
    case 'resubmit':
      return materials();
    case 'notice':
      return d.materials ? t('d_notice', { materials: materials() }) : '';
    case 'timer-set':
      return t('d_timerSet', { kind: labelOf(t, 'tk', kebab(get('kind'))), due: d.due ? when(d.due) : '' });
    case 'timer':
      return labelOf(t, 'tk', kebab(get('kind')));
    case 'obligation-opened':
    case 'obligation-fulfilled':
    case 'obligation-breached':
      return names.obligation(get('id'));
    case 'warning': {
      const scope = get('scope');
      const where = !scope || scope === 'case' ? t('scope_case') : scopeName(scope, names);
      return `${labelOf(t, 'warn', get('level'))} · ${where}`;
    }
    case 'branch-deemed':
      return t('d_deemed', { branch: names.branch(get('branch')) });
    case 'joined': {
      const approved = listOf(d.approved);
      const refused = listOf(d.refused);
      const parts = [labelOf(t, 'outcome', get('result'))];
      if (approved.length) parts.push(t('d_approvedBy', { branches: join(approved, names.branch) }));
      if (refused.length) parts.push(t('d_refusedBy', { branches: join(refused, names.branch) }));
      return parts.join('；');
    }
    case 'clock-paused':
    case 'clock-resumed': {
      // A pause is for the applicant, a suspension, a special procedure or a state that stops the clock.
      const reason = get('reason');
      if (isKey(`pause_${reason}`)) return t(`pause_${reason}` as Key);
      const procedure = names.procedure(reason);
      return procedure !== reason ? procedure : names.state(reason);
    }
    case 'procedure-start':
    case 'procedure-end':
      return names.procedure(get('procedure'));
    case 'instant-overdue':
      return d.acceptedAt ? t('d_acceptedAt', { at: when(d.acceptedAt) }) : '';
    case 'fetch-requested':
    case 'data-shared':
    case 'data-refused':
      return [d.source ? t('d_source', { source: d.source }) : '', d.materials ? materials() : '', d.reason].filter(Boolean).join('；');
    case 'state-entered':
      return names.state(get('state'));
    case 'case-migrated': {
      // Who and when are the row's; the versions and the declared state mapping are the event's.
      const moved = t('d_migrated', { from: get('fromVersion'), to: get('toVersion') });
      const pairs = mappingPairs(d.mapping).map(([key, to]) => {
        const at = key.lastIndexOf(':');
        const before = at < 0 ? names.state(key) : `${names.branch(key.slice(0, at))} · ${key.slice(at + 1)}`;
        return `${before} → ${names.state(to)}`;
      });
      return pairs.length ? `${moved}；${t('d_migratedMapping', { pairs: pairs.join('，') })}` : moved;
    }
    case 'notification': {
      const head = [labelOf(t, 'nch', get('channel')), d.recipient ? labelOf(t, 'role', get('recipient')) : '']
        .filter(Boolean)
        .join(' → ');
      return [head, d.title, d.body].filter(Boolean).join('：');
    }
    case 'rate': {
      const level = Math.max(0, Math.min(5, Number(get('level')) || 0));
      const stars = '★'.repeat(level) + '☆'.repeat(5 - level);
      const defaulted = get('defaulted').toLowerCase() === 'true' ? t('d_defaultRating') : '';
      return [stars, d.comment, defaulted].filter(Boolean).join(' ');
    }
    default: {
      // Reasons and notes that staff wrote read as they were written; anything else as key=value.
      const written = d.reason ?? d.note ?? d.comment;
      if (written && Object.keys(d).length === 1) return written;
      if (d.materials && Object.keys(d).length === 1) return materials();
      return dataLine(d);
    }
  }
}

/** A warning as the server names it (`scopeTitle`), the whole case as 整件, else the scope as written. */
export function scopeLabel(w: { scope: string; scopeTitle?: string | null }, t: Translate): string {
  return w.scope === 'case' ? t('scope_case') : (w.scopeTitle ?? w.scope);
}

/** A warning scope (case, approval/tax, main:issuing, approval/tax:reviewing) in names. */
export function scopeName(scope: string, names: Names): string {
  const [region, step] = scope.split(':');
  if (region === 'main') return step ? names.state(step) : region;
  return step ? `${names.branch(region)} · ${step}` : names.branch(region);
}

/** A person's name as staff read it in a case's history: the family name and a star per other character (王** ). */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? chars.join('') : chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * Who did a history entry, by name, never by id: the department by its name for a department or lead (市场监督管理局),
 * the role in words otherwise (窗口, 申请人, 系统), then the person's masked name when the server knows it (· 王**).
 */
export function actorLabel(
  e: { role: string; userName?: string | null; onBehalfOf?: string | null },
  departmentName: (id: string) => string,
  t: (key: Key) => string,
): string {
  const [role, department] = e.role.split(':', 2);
  const who = department && (role === 'department' || role === 'lead') ? departmentName(department) : labelOf(t, 'role', role.toLowerCase());
  const person = e.userName ? ` · ${maskPersonName(e.userName)}` : '';
  return `${who}${person}${e.onBehalfOf ? ` ${t('actingForSomeone')}` : ''}`;
}
