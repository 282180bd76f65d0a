import type { Permitted } from '../api/types';
import type { CaseTask, PeopleDepartment, PersonalTask, Signer } from '../api/peopleTypes';

/*
 * The task operations as the worklist offers them (docs/api.md, "Personal tasks"): what each needs from the person
 * before it is sent, whom it may name, and the payload it sends. The buttons are the caller's `permitted` entries.
 */

/** The task operations; any other permitted event is the step's own (同意, 不同意, 登簿…). */
export const taskOperations = [
  'claim',
  'release',
  'assign',
  'transfer',
  'delegate',
  'resolve',
  'add-signer',
  'remove-signer',
  'send-back',
  'recall',
  'urge',
  'copy',
  'mark-read',
] as const;

export type TaskOperation = (typeof taskOperations)[number];

/** What the form of an operation asks for. */
export interface OperationForm {
  /** A person to name (to): 分派, 转办, 委派; or people and departments (抄送). */
  person: 'none' | 'one' | 'many';
  /** 加签: a person or a position, and where; 减签: a pending signer. */
  signer: 'none' | 'add' | 'remove';
  /** 退回: the step to send the case back to. */
  step: boolean;
  /** A reason (required) or a note (optional), or neither. */
  text: 'reason' | 'note' | 'none';
}

const none: OperationForm = { person: 'none', signer: 'none', step: false, text: 'none' };

export function isTaskOperation(event: string): event is TaskOperation {
  return (taskOperations as readonly string[]).includes(event);
}

/** The form of `event`: the task operations by the API's payloads, a step's own events a note (a reason to refuse). */
export function operationForm(event: string): OperationForm {
  switch (event) {
    case 'claim':
    case 'release':
    case 'recall':
    case 'mark-read':
      return none;
    case 'transfer':
      return { ...none, person: 'one', text: 'reason' };
    case 'assign':
    case 'delegate':
      return { ...none, person: 'one', text: 'note' };
    case 'resolve':
    case 'urge':
      return { ...none, text: 'note' };
    case 'copy':
      return { ...none, person: 'many', text: 'note' };
    case 'add-signer':
      return { ...none, signer: 'add' };
    case 'remove-signer':
      return { ...none, signer: 'remove' };
    case 'send-back':
      return { ...none, step: true, text: 'reason' };
    default:
      return { ...none, text: /^(reject|refuse)/.test(event) ? 'reason' : 'note' };
  }
}

/** An operation that is sent at once, without a form. */
export function sendsAtOnce(event: string): boolean {
  const f = operationForm(event);
  return f.person === 'none' && f.signer === 'none' && !f.step && f.text === 'none';
}

/** What the person filled in. */
export interface OperationInput {
  to?: string;
  recipients?: string[];
  signer?: string;
  where?: 'before' | 'after' | 'alongside';
  step?: string;
  text?: string;
}

/** The payload of `event` from the input, or the key of what is missing. */
export function payloadFor(event: string, input: OperationInput): { payload?: Record<string, unknown>; missing?: 'person' | 'signer' | 'step' | 'reason' } {
  const f = operationForm(event);
  const text = input.text?.trim() ?? '';
  if (f.text === 'reason' && !text) return { missing: 'reason' };
  if (f.person === 'one' && !input.to) return { missing: 'person' };
  if (f.person === 'many' && !input.recipients?.length) return { missing: 'person' };
  if (f.signer !== 'none' && !input.signer) return { missing: 'signer' };
  if (f.step && !input.step) return { missing: 'step' };
  switch (event) {
    case 'transfer':
      return { payload: input.to!.startsWith('department:') ? { department: input.to!.slice('department:'.length), reason: text } : { to: input.to, reason: text } };
    case 'assign':
    case 'delegate':
      return { payload: text ? { to: input.to, reason: text } : { to: input.to } };
    case 'copy':
      return { payload: text ? { to: input.recipients, note: text } : { to: input.recipients } };
    case 'add-signer':
      return { payload: { signer: input.signer, where: input.where ?? 'alongside' } };
    case 'remove-signer':
      return { payload: { signer: input.signer } };
    case 'send-back':
      return { payload: { to: input.step, reason: text } };
    default:
      if (f.text === 'none') return {};
      if (f.text === 'reason') return { payload: { reason: text, note: text } };
      return text ? { payload: { note: text } } : {};
  }
}

/** Whom a task may be handed to (分派, 转办, 委派): the department's people holding the task's position, not the holder. */
export function candidates(directory: PeopleDepartment[], task: CaseTask): { id: string; name: string }[] {
  const department = directory.find((d) => d.id === task.department);
  if (!department) return [];
  return department.people
    .filter((p) => p.id !== task.holder && (!task.position || p.positions.includes(task.position)))
    .map((p) => ({ id: p.id, name: p.name }));
}

/** Whom 加签 may add: the department's people not already signing, and its positions. */
export function signerChoices(directory: PeopleDepartment[], task: CaseTask): { id: string; name: string }[] {
  const department = directory.find((d) => d.id === task.department);
  if (!department) return [];
  const signing = new Set(task.signers.map((s) => s.person).filter(Boolean));
  return [
    ...department.people.filter((p) => !signing.has(p.id)).map((p) => ({ id: p.id, name: p.name })),
    ...department.positions.map((p) => ({ id: p.id, name: `${p.name}（岗位）` })),
  ];
}

/** The pending signers 减签 may remove (a person slot by the person, a position slot by the position). */
export function pendingSigners(task: CaseTask): { id: string; name: string }[] {
  return task.signers.filter((s) => !s.decision).map((s) => ({ id: s.person ?? s.slot, name: s.name ?? s.slotName ?? s.slot }));
}

/** A signer's line in the case view: who (or which position), and the decision so far. */
export function signerLabel(s: Signer): string {
  const who = s.name ?? s.person ?? s.slotName ?? s.slot;
  return s.slotName && s.name ? `${s.slotName} · ${who}` : who;
}

/** The signing rule in words: 会签, 或签, 依次审批, 票签 (2/3 or a ratio). */
export function signingLabel(task: Pick<CaseTask, 'signing' | 'passCount' | 'passRatio' | 'signers'>): string | null {
  switch (task.signing) {
    case 'all':
      return '会签';
    case 'any':
      return '或签';
    case 'sequential':
      return '依次审批';
    case 'vote': {
      const n = task.signers.length;
      if (task.passCount) return `票签 ${task.passCount}/${n}`;
      if (task.passRatio) return `票签 ≥${Math.round(task.passRatio * 100)}%`;
      return '票签';
    }
    default:
      return null;
  }
}

/** Who held the task before, by name where the directory knows them (oldest first). */
export function previousHolders(directory: PeopleDepartment[], task: CaseTask): string[] {
  const people = new Map(directory.flatMap((d) => d.people.map((p) => [p.id, p.name] as const)));
  return task.previous.map((id) => people.get(id) ?? id);
}

/**
 * The buttons of a worklist row. A task's row carries what the server lists for that task (its region's events and
 * the case-wide operations); a done or copied row only the task operations (撤回, 催办, 抄送, 标记已读), since the step
 * events it also lists belong to other people's tasks.
 */
export function rowOperations(row: PersonalTask): Permitted[] {
  return row.task ? row.permitted : row.permitted.filter((p) => isTaskOperation(p.event));
}
