import { useQuery } from '@tanstack/react-query';
import type { Edge } from '@xyflow/react';
import { useId, useState } from 'react';
import { useDirectory } from '../api/directory';
import { organizationQuery } from '../api/queries';
import type { GraphDto } from '../api/types';
import { stateAt, type Positions, type TransitionEdgeData } from '../graph/mapGraph';
import { renamePositions } from '../graph/positions';
import type { Selection } from '../graph/selection';
import { useComposition } from '../ime';
import { durationWords } from '../names/duration';
import { idFromTitle } from '../names/ids';
import { eventTitle, fragmentTitle, roleWords, stateTitle, triggerWords } from '../names/locations';
import { renameEvent, renameState, setStateField, setTransitionField, splitId, stateNames } from '../yaml/definitionEdits';
import { deleteIn, parseYaml, setIn } from '../yaml/yamlText';
import { TaskRuleForm } from '../people/TaskRuleForm';
import { Check, Field } from './Field';
import { DurationPicker } from './pickers/DurationPicker';
import { AdvancedId } from './pickers/IdField';
import { NameSelect, type NameOption } from './pickers/NameSelect';
import { RolePicker } from './pickers/RolePicker';
import { eventOptions, stateOptions, wordOptions } from './pickers/options';
import { useSay, wordOf } from '../names/words';

type Edit = (fn: (yaml: string, positions: Positions) => { yaml: string; positions?: Positions } | string, group?: string) => void;
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v));

const guardNames = ['missing', 'submitted', 'tolerated', 'committed', 'data', 'applicant', 'applicant.badCredit', 'applicant.falsePledge', 'payload', 'event', 'role', 'channel', 'state', "obligations.open('supplement')", "obligations.open('verification')", 'length'];

interface Props {
  yaml: string;
  definition: unknown;
  graph: GraphDto | null;
  selected: Selection;
  edges: Edge<TransitionEdgeData>[];
  edit: Edit;
  onSelect: (s: Selection) => void;
}

/** A department chosen by its name from organization.yaml (the id is what the YAML keeps). */
function DepartmentField({ label, value, onCommit, optional }: { label: string; value: string; onCommit: (v: string | undefined) => void; optional?: boolean }) {
  const { t } = useSay();
  const directory = useDirectory();
  return (
    <NameSelect
      label={label}
      value={value}
      options={Object.entries(directory.departments)}
      none={optional || !value ? t('pickNone') : undefined}
      onChange={(v) => onCommit(v || undefined)}
      testId="department-field"
    />
  );
}

const outcomes = ['approved', 'rejected', 'terminated', 'revoked', 'not-accepted', 'withdrawn', 'returned'] as const;
const clocks = ['running', 'not-started', 'waiting-applicant', 'special-procedure', 'stopped'] as const;
/** A placeholder name the canvas gives a new state (state, state-2): the first title given renames it to the title's pinyin. */
const placeholderName = /^state(?:-\d+)?$/;

export function Inspector({ yaml, definition, graph, selected, edges, edit, onSelect }: Props) {
  const { t } = useSay();
  const directory = useDirectory();
  const def = obj(definition);
  const calendar = str(obj(def.item).calendar) || 'cn-mainland';
  const caseFields = [...guardNames, ...((def.materials as Obj[] | undefined) ?? []).map((m) => `'${str(m.id)}'`)];

  if (selected?.type === 'edge') {
    const e = edges.find((x) => x.id === selected.id);
    if (!e?.data) return <p>{t('selectToEdit')}</p>;
    return <TransitionForm from={e.data.from} event={e.data.event} definition={definition} edit={edit} caseFields={caseFields} onRenamed={(ev) => onSelect({ type: 'edge', id: e.id.replace(`:${e.data!.event}:`, `:${ev}:`) })} />;
  }

  if (selected?.type === 'node' && graph) {
    const node = graph.nodes.find((n) => n.id === selected.id);
    if (!node) return <p>{t('selectToEdit')}</p>;
    const s = obj(stateAt(definition, node.id));
    const set = (field: (string | number)[], v: unknown) => edit((y) => setStateField(y, node.id, field, v), `field:${node.id}:${field.join('.')}`);
    const { region } = splitId(node.id);
    const siblings = stateNames(parseYaml(yaml), region);
    const statesHere = region ? obj(obj(stateAt(definition, region)).states) : def.states;
    const titleOf = (name: string) => stateTitle(statesHere, name);
    const fragments = Object.keys(obj(def.fragments));
    if (node.kind === 'Branch') {
      return (
        <div className="inspector" data-testid="inspector">
          <h2>{t('stateTitled', { kind: t('branches'), title: str(s.title) || node.name })}</h2>
          {typeof s.use === 'string' && <p className="note">{t('fragmentNote', { f: fragmentTitle(definition, s.use) })}</p>}
          <Field label={t('title')} value={str(s.title)} onCommit={(v) => set(['title'], v)} testId="inspector-title" />
          <DepartmentField label={t('department')} value={str(s.department)} onCommit={(v) => set(['department'], v)} />
          <DurationPicker label={t('limit')} value={str(s.limit)} calendar={calendar} onCommit={(v) => set(['limit'], v)} testId="branch-limit" />
          <NameSelect label={t('onTimeout')} value={str(s.onTimeout) || 'warn'} options={wordOptions(t, 'timeout', ['warn', 'approve', 'reject'])} onChange={(v) => set(['onTimeout'], v === 'warn' ? undefined : v)} testId="branch-timeout" />
          {(typeof s.use === 'string' || fragments.length > 0) && (
            <NameSelect label={t('use')} value={str(s.use)} options={fragments.map((f): NameOption => [f, fragmentTitle(definition, f)])} none={t('pickNone')} onChange={(v) => set(['use'], v || undefined)} />
          )}
          <AdvancedId value={node.name} taken={[]} testId="advanced-id" />
        </div>
      );
    }
    const on = obj(s.on);
    const after = obj(s.after);
    const par = obj(s.parallel);
    const targets = stateOptions(statesHere);
    const commitTitle = (v: string) => {
      // A state the canvas added (state, state-2) takes its id from the first title it is given.
      if (v && placeholderName.test(node.name) && (!s.title || s.title === t('newStateTitle'))) {
        const name = idFromTitle(v, siblings.filter((x) => x !== node.name), 'state');
        const newId = region ? `${region}/${name}` : name;
        edit((y, p) => ({ yaml: renameState(setStateField(y, node.id, ['title'], v), node.id, name), positions: renamePositions(p, node.id, newId) }));
        onSelect({ type: 'node', id: newId });
      } else set(['title'], v);
    };
    return (
      <div className="inspector" data-testid="inspector">
        <h2 data-testid="inspector-heading">{t('stateTitled', { kind: node.kind === 'Parallel' ? t('parallel') : t('state'), title: titleOf(node.name) })}</h2>
        <Field label={t('title')} value={str(s.title)} onCommit={commitTitle} testId="inspector-title" />
        <Check label={t('initial')} checked={s.initial === true} onChange={(v) => set(['initial'], v || undefined)} />
        <Check label={t('final')} checked={s.final === true} onChange={(v) => set(['final'], v || undefined)} />
        {s.final === true && (
          <NameSelect label={t('outcome')} value={str(s.outcome)} options={wordOptions(t, 'outcome', outcomes)} none={t('pickNone')} onChange={(v) => set(['outcome'], v || undefined)} />
        )}
        <NameSelect label={t('clock')} value={str(s.clock)} none={t('clock_default')} options={wordOptions(t, 'clock', clocks)} onChange={(v) => set(['clock'], v || undefined)} />
        <DepartmentField label={t('department')} value={str(s.department)} optional onCommit={(v) => set(['department'], v)} />
        <DurationPicker label={t('limit')} value={str(s.limit)} calendar={calendar} onCommit={(v) => set(['limit'], v)} testId="inspector-limit" />
        {node.kind === 'State' && (
          <TaskRuleForm
            value={s.task}
            department={str(s.department) || str(obj(stateAt(definition, node.id.split('/').slice(0, -1).join('/'))).department)}
            steps={siblings.filter((x) => x !== node.name)}
            stepTitle={titleOf}
            onChange={(rule) => set(['task'], rule)}
          />
        )}
        {node.kind === 'Parallel' && (
          <fieldset>
            <legend>{t('parallel')}</legend>
            <NameSelect
              label={t('join')}
              value={typeof par.join === 'object' ? 'atLeast' : str(par.join) || 'all'}
              options={wordOptions(t, 'join', ['all', 'any', 'atLeast'])}
              onChange={(v) => set(['parallel', 'join'], v === 'atLeast' ? { atLeast: 2 } : v)}
            />
            {typeof par.join === 'object' && <Field label={t('atLeast')} value={str(obj(par.join).atLeast)} onCommit={(v) => set(['parallel', 'join', 'atLeast'], Number(v))} />}
            <NameSelect label={t('onReject')} value={str(par.onReject)} options={[...stateOptions(statesHere, node.name), ['suspend', t('onRejectSuspend')]]} none={t('pickNone')} onChange={(v) => set(['parallel', 'onReject'], v || undefined)} />
            <NameSelect label={t('onDone')} value={str(s.onDone)} options={stateOptions(statesHere, node.name)} none={t('pickNone')} onChange={(v) => set(['onDone'], v || undefined)} />
            <h3>{t('branches')}</h3>
            <ul>
              {Object.entries(obj(par.branches)).map(([b, branch]) => (
                <li key={b}>
                  <button type="button" className="link" onClick={() => onSelect({ type: 'node', id: `${node.id}/${b}` })}>
                    {str(obj(branch).title) || b}
                  </button>
                </li>
              ))}
            </ul>
            <AddBranch
              departments={directory.departments}
              taken={Object.keys(obj(par.branches))}
              onAdd={(id, title, dept) =>
                edit((y) =>
                  setStateField(y, node.id, ['parallel', 'branches', id], {
                    title,
                    department: dept,
                    states: { reviewing: { title: t('newBranchReview'), initial: true, on: { approve: 'approved', reject: 'rejected' } }, approved: { final: true, outcome: 'approved' }, rejected: { final: true, outcome: 'rejected' } },
                  }),
                )
              }
            />
          </fieldset>
        )}
        <fieldset data-testid="timers">
          <legend>{t('timers')}</legend>
          {Object.entries(after).map(([d, target]) => (
            <div className="row" key={d}>
              <span>{t('timerAfter')} {durationWords(d, (u) => t(`unit_${u}`))}</span> → <span>{titleOf(str(target))}</span>
              <button type="button" onClick={() => edit((y) => setStateField(y, node.id, ['after', d], undefined))} aria-label={`${t('remove')} ${durationWords(d, (u) => t(`unit_${u}`))}`}>
                ✕
              </button>
            </div>
          ))}
          <AddTimer calendar={calendar} targets={targets} onAdd={(d, target) => edit((y) => setStateField(y, node.id, ['after', d], target))} />
        </fieldset>
        <fieldset>
          <legend>{t('transitions')}</legend>
          {Object.keys(on).map((ev) => (
            <TransitionForm key={ev} from={node.id} event={ev} definition={definition} edit={edit} caseFields={caseFields} compact />
          ))}
          <AddTransition
            definition={definition}
            targets={targets}
            taken={Object.keys(on)}
            onAdd={(ev, target, fields) => edit((y) => setStateField(y, node.id, ['on', ev], Object.keys(fields).length ? { to: target, ...fields } : target))}
          />
        </fieldset>
        <AdvancedId
          value={node.name}
          taken={siblings}
          testId="advanced-id"
          onCommit={(v) => {
            const newId = region ? `${region}/${v}` : v;
            edit((y, p) => ({ yaml: renameState(y, node.id, v), positions: renamePositions(p, node.id, newId) }));
            onSelect({ type: 'node', id: newId });
          }}
        />
      </div>
    );
  }

  return <ItemForm definition={definition} edit={edit} calendar={calendar} />;
}

/** A text input that never commits half an IME composition on Enter (the add forms' name fields). */
function NameInput({ label, value, onChange, testId }: { label: string; value: string; onChange: (v: string) => void; testId?: string }) {
  const id = useId();
  const ime = useComposition();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        data-testid={testId}
        autoComplete="off"
        {...ime.handlers}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (ime.blocked(e) || (e.key === 'Enter' && (e.nativeEvent.isComposing || e.keyCode === 229))) {
            if (e.key === 'Enter') e.preventDefault();
            return;
          }
          e.stopPropagation();
        }}
      />
    </div>
  );
}

/** 添加流转: the event named in Chinese (its id in pinyin, or the id of an event already so named), the target by title, who may send it. */
function AddTransition({ definition, targets, taken, onAdd }: { definition: unknown; targets: NameOption[]; taken: string[]; onAdd: (event: string, target: string, fields: Obj) => void }) {
  const { t } = useSay();
  const directory = useDirectory();
  const [title, setTitle] = useState('');
  const [target, setTarget] = useState('');
  const [by, setBy] = useState<string | string[] | undefined>(undefined);
  const known = eventOptions(definition, t);
  return (
    <form
      className="addrow add-transition"
      data-testid="add-transition"
      aria-label={t('newTransition')}
      onSubmit={(e) => {
        e.preventDefault();
        const name = title.trim();
        const to = target || targets[0]?.[0];
        if (!name || !to) return;
        // An event already known by this title keeps its id (受理 → accept); a new one gets the title's pinyin.
        const same = known.find(([id, label]) => label === name && !taken.includes(id));
        const event = same ? same[0] : idFromTitle(name, taken, 'event');
        const fields: Obj = {};
        if (!same || wordOf(t, 'ev', event) !== name) fields.title = name;
        if (by !== undefined) fields.by = by;
        onAdd(event, to, fields);
        setTitle('');
        setBy(undefined);
      }}
    >
      <NameInput label={t('newEventTitle')} value={title} onChange={setTitle} testId="add-transition-title" />
      <NameSelect label={t('targetState')} value={target || targets[0]?.[0] || ''} options={targets} onChange={setTarget} testId="add-transition-target" />
      <RolePicker value={by} departments={directory.departments} onChange={setBy} testId="add-transition-roles" />
      <button type="submit">{t('newTransition')}</button>
    </form>
  );
}

/** 添加定时器: a duration in a number and a unit in words, and the state it leads to by title. */
function AddTimer({ calendar, targets, onAdd }: { calendar: string; targets: NameOption[]; onAdd: (duration: string, target: string) => void }) {
  const { t } = useSay();
  const [duration, setDuration] = useState('');
  const [target, setTarget] = useState('');
  return (
    <div className="addrow" data-testid="add-timer">
      <DurationPicker label={t('timerAfter')} value={duration} calendar={calendar} onCommit={(v) => setDuration(v ?? '')} testId="add-timer-duration" />
      <NameSelect label={t('timerGoTo')} value={target || targets[0]?.[0] || ''} options={targets} onChange={setTarget} />
      <button
        type="button"
        disabled={!duration}
        onClick={() => {
          const to = target || targets[0]?.[0];
          if (duration && to) onAdd(duration, to);
          setDuration('');
        }}
      >
        {t('timerAdd')}
      </button>
    </div>
  );
}

/** 添加分支: its Chinese title (the id in pinyin) and its department by name. */
function AddBranch({ departments, taken, onAdd }: { departments: Record<string, string>; taken: string[]; onAdd: (id: string, title: string, department: string) => void }) {
  const { t } = useSay();
  const [title, setTitle] = useState('');
  const [dept, setDept] = useState('');
  const choices = Object.entries(departments);
  return (
    <form
      className="addrow"
      data-testid="add-branch"
      onSubmit={(e) => {
        e.preventDefault();
        const d = dept || choices[0]?.[0];
        if (!title.trim() || !d) return;
        onAdd(idFromTitle(title, taken, 'branch'), title.trim(), d);
        setTitle('');
      }}
    >
      <NameInput label={t('newBranchTitle')} value={title} onChange={setTitle} />
      <NameSelect label={t('department')} value={dept || choices[0]?.[0] || ''} options={choices} onChange={setDept} />
      <button type="submit">{t('addBranch')}</button>
    </form>
  );
}

function TransitionForm({
  from,
  event,
  definition,
  edit,
  caseFields,
  compact,
  onRenamed,
}: {
  from: string;
  event: string | null;
  definition: unknown;
  edit: Edit;
  caseFields: string[];
  compact?: boolean;
  onRenamed?: (ev: string) => void;
}) {
  const { t } = useSay();
  const directory = useDirectory();
  if (!event) return <p className="note">{from}</p>;
  const s = obj(stateAt(definition, from));
  const raw = obj(s.on)[event];
  const tr = typeof raw === 'string' ? { to: raw } : obj(raw);
  const { region, name } = splitId(from);
  const statesHere = region ? obj(obj(stateAt(definition, region)).states) : obj(obj(definition).states);
  const set = (field: string, v: unknown) => edit((y) => setTransitionField(y, from, event, field, v), `tr:${from}:${event}:${field}`);
  const title = eventTitle({ t }, raw, event);
  return (
    <div className={compact ? 'transition compact' : 'inspector'} data-testid="transition-form" data-event={event}>
      {compact ? (
        <h3 className="transition-title">{title}</h3>
      ) : (
        <h2>
          {t('transitions')}: {stateTitle(statesHere, name)} › {title}
        </h2>
      )}
      <Field label={t('eventTitle')} value={str(tr.title) || title} onCommit={(v) => set('title', v || undefined)} testId="transition-title" />
      <NameSelect label={t('targetState')} value={str(tr.to)} options={stateOptions(statesHere)} onChange={(v) => set('to', v)} testId="transition-target" none={tr.to === undefined ? t('pickNone') : undefined} />
      <RolePicker value={tr.by} departments={directory.departments} onChange={(v) => set('by', v)} testId="transition-roles" />
      <Field label={t('guard')} value={str(typeof tr.when === 'object' ? obj(tr.when).js ?? obj(tr.when).csharp : tr.when)} onCommit={(v) => set('when', v || undefined)} suggestions={caseFields} mono testId="guard" />
      <Check label={t('tolerance')} checked={tr.tolerance === true} onChange={(v) => set('tolerance', v || undefined)} />
      <Check label={t('commitment')} checked={tr.commitment === true} onChange={(v) => set('commitment', v || undefined)} />
      <NameSelect label={t('notice')} value={str(tr.notice)} options={wordOptions(t, 'notice', ['one-time', 'correction'])} none={t('notice_none')} onChange={(v) => set('notice', v || undefined)} />
      <AdvancedId
        value={event}
        taken={Object.keys(obj(s.on))}
        testId="advanced-event-id"
        onCommit={(v) => {
          edit((y) => renameEvent(y, from, event, v));
          onRenamed?.(v);
        }}
      />
      {compact && (
        <button type="button" onClick={() => edit((y) => setStateField(y, from, ['on', event], undefined))}>
          {t('remove')} {title}
        </button>
      )}
    </div>
  );
}

const materialFlags = [
  ['core', 'matCore'],
  ['tolerable', 'matTolerable'],
  ['committable', 'matCommittable'],
  ['optional', 'matOptional'],
] as const;

function ItemForm({ definition, edit, calendar }: { definition: unknown; edit: Edit; calendar: string }) {
  const { t } = useSay();
  const directory = useDirectory();
  const sources = useQuery({ ...organizationQuery(), select: (o) => Object.fromEntries(o.dataSources.map((d) => [d.id, d.name])) }).data ?? {};
  const def = obj(definition);
  const item = obj(def.item);
  const tl = obj(item.timeLimit);
  const tol = obj(def.tolerance);
  const com = obj(def.commitment);
  const materials = (def.materials as Obj[] | undefined) ?? [];
  const notify = (def.notify as Obj[] | undefined) ?? [];
  const words = { t, departments: directory.departments };
  const mainStates = stateOptions(def.states);
  const set = (path: (string | number)[], v: unknown) =>
    edit((y) => (v === undefined || v === '' ? deleteIn(y, path) : setIn(y, path, v)), `item:${path.join('.')}`);
  // An item's own template, else one organization.yaml shares with every item, by its title.
  const templateName = (id: string) => str(obj(obj(def.templates)[id]).title) || directory.templates[id] || wordOf(t, 'doc', id);
  const sourceName = (shared: string) => {
    const [source] = shared.split('.');
    return sources[source] ? `${sources[source]}（${shared.slice(source.length + 1) || source}）` : undefined;
  };
  return (
    <div className="inspector" data-testid="inspector">
      <p className="note">{t('selectToEdit')}</p>
      <h2>{t('item')}</h2>
      <Field label={t('createName')} value={str(item.name)} onCommit={(v) => set(['item', 'name'], v)} />
      <DepartmentField label={t('colLead')} value={str(item.lead)} onCommit={(v) => set(['item', 'lead'], v)} />
      <NameSelect label={t('calendar')} value={str(item.calendar) || 'cn-mainland'} options={[['cn-mainland', t('calendar_cnMainland')]]} onChange={(v) => set(['item', 'calendar'], v === 'cn-mainland' && !item.calendar ? undefined : v)} />
      <DurationPicker label={t('statutory')} value={str(tl.statutory)} calendar={calendar} onCommit={(v) => set(['item', 'timeLimit', 'statutory'], v)} testId="item-statutory" />
      <DurationPicker label={t('promised')} value={str(tl.promised)} calendar={calendar} onCommit={(v) => set(['item', 'timeLimit', 'promised'], v)} testId="item-promised" />
      <Field label={t('warnAt')} value={str(tl.warnAt)} onCommit={(v) => set(['item', 'timeLimit', 'warnAt'], v)} />
      <h3>{t('materials')}</h3>
      {/* One block per material (the inspector is a narrow column): its name, its flags and shared source; its id only under 高级. */}
      <div className="blocks" data-testid="materials">
        {materials.map((m, i) => {
          const name = str(m.name) || str(m.id);
          return (
            <div className="block" key={i} data-material={str(m.id)}>
              <div className="row">
                <span className="block-name">{name}</span>
                <button type="button" aria-label={`${t('remove')} ${name}`} onClick={() => edit((y) => deleteIn(y, ['materials', i]))}>
                  ✕
                </button>
              </div>
              <div className="row">
                {materialFlags.map(([f, label]) => (
                  <label key={f} className="check-inline">
                    <input type="checkbox" aria-label={t('matFlagsOf', { name, flag: t(label) })} checked={m[f] === true} onChange={(e) => set(['materials', i, f], e.target.checked || undefined)} />
                    {t(label)}
                  </label>
                ))}
              </div>
              <label className="check-inline">
                {t('matShared')}{' '}
                <input aria-label={t('sharedSource', { name })} defaultValue={str(m.shared)} className="mono" onBlur={(e) => e.target.value !== str(m.shared) && set(['materials', i, 'shared'], e.target.value || undefined)} />
              </label>
              {typeof m.shared === 'string' && sourceName(m.shared) && <div className="preview">{sourceName(m.shared)}</div>}
              <AdvancedId
                value={str(m.id)}
                taken={materials.map((x) => str(x.id))}
                testId="material-id"
                onCommit={(v) => set(['materials', i, 'id'], v)}
              />
            </div>
          );
        })}
      </div>
      <AddMaterial taken={materials.map((x) => str(x.id))} onAdd={(id, name) => set(['materials', materials.length], { id, name })} />
      <h3>{t('toleranceRule')}</h3>
      <Field label={t('maxMissing')} value={str(tol.maxMissing)} onCommit={(v) => set(['tolerance', 'maxMissing'], v === '' ? undefined : Number(v))} />
      <DurationPicker label={t('supplementWithin')} value={str(tol.supplementWithin)} calendar={calendar} onCommit={(v) => set(['tolerance', 'supplementWithin'], v)} testId="supplement-within" />
      <NameSelect label={t('onBreach')} value={str(tol.onBreach)} options={mainStates} none={t('pickNone')} onChange={(v) => set(['tolerance', 'onBreach'], v || undefined)} testId="on-breach" />
      <h3>{t('commitmentRule')}</h3>
      <DurationPicker label={t('verifyWithin')} value={str(com.verifyWithin)} calendar={calendar} onCommit={(v) => set(['commitment', 'verifyWithin'], v)} testId="verify-within" />
      <NameSelect label={t('onFalse')} value={str(com.onFalse)} options={mainStates} none={t('pickNone')} onChange={(v) => set(['commitment', 'onFalse'], v || undefined)} testId="on-false" />
      <h3>{t('notifications')}</h3>
      <div className="blocks" data-testid="notifications">
        {notify.map((n, i) => {
          const when = triggerWords(words, str(n.on), definition);
          return (
            <div className="block" key={i}>
              <div className="row">
                <span className="block-name" title={t('notifyOn')}>
                  {when}
                </span>
                <button type="button" aria-label={`${t('remove')} ${when}`} onClick={() => edit((y) => deleteIn(y, ['notify', i]))}>
                  ✕
                </button>
              </div>
              <div className="note">
                {t('notifyTo')} {roleWords(words, str(n.to))} · {t('template')} {templateName(str(n.template))}
                {n.channel ? ` · ${t('channel')} ${wordOf(t, 'notifyChannel', str(n.channel))}` : ''}
              </div>
            </div>
          );
        })}
      </div>
      <AddNotification definition={definition} templates={[...new Set([...Object.keys(obj(def.templates)), ...Object.keys(directory.templates), ...notify.map((n) => str(n.template)).filter(Boolean)])].map((id): NameOption => [id, templateName(id)])} onAdd={(rule) => set(['notify', notify.length], rule)} />
    </div>
  );
}

/** 添加材料: its Chinese name; the id is the name's pinyin. */
function AddMaterial({ taken, onAdd }: { taken: string[]; onAdd: (id: string, name: string) => void }) {
  const { t } = useSay();
  const [name, setName] = useState('');
  return (
    <form
      className="addrow"
      data-testid="add-material"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        onAdd(idFromTitle(name, taken, 'material'), name.trim());
        setName('');
      }}
    >
      <NameInput label={t('newMaterialName')} value={name} onChange={setName} testId="add-material-name" />
      <button type="submit">{t('add')}</button>
    </form>
  );
}

/** 添加通知规则: when (entering a state, an event, a warning) in words, to whom, which template, all chosen from lists. */
function AddNotification({ definition, templates, onAdd }: { definition: unknown; templates: NameOption[]; onAdd: (rule: Obj) => void }) {
  const { t } = useSay();
  const directory = useDirectory();
  const def = obj(definition);
  const words = { t, departments: directory.departments };
  const triggers: NameOption[] = [
    ...Object.keys(obj(def.states)).map((s): NameOption => [`enter ${s}`, triggerWords(words, `enter ${s}`, definition)]),
    ...eventOptions(definition, t).map(([e]): NameOption => [`event ${e}`, triggerWords(words, `event ${e}`, definition)]),
    ['warning yellow', t('trigger_warning_yellow')],
    ['warning red', t('trigger_warning_red')],
  ];
  const whom: NameOption[] = [...(['applicant', 'window', 'supervisor', 'lead'] as const).map((r): NameOption => [r, roleWords(words, r)]), ...Object.entries(directory.departments).map(([id, n]): NameOption => [`department:${id}`, n])];
  const [on, setOn] = useState('');
  const [to, setTo] = useState('applicant');
  const [template, setTemplate] = useState('');
  return (
    <form
      className="addrow"
      data-testid="add-notification"
      onSubmit={(e) => {
        e.preventDefault();
        const trigger = on || triggers[0]?.[0];
        const tpl = template || templates[0]?.[0];
        if (!trigger || !tpl) return;
        onAdd({ on: trigger, to, template: tpl });
      }}
    >
      <NameSelect label={t('notifyWhen')} value={on || triggers[0]?.[0] || ''} options={triggers} onChange={setOn} />
      <NameSelect label={t('notifyWhom')} value={to} options={whom} onChange={setTo} />
      <NameSelect label={t('notifyTemplate')} value={template || templates[0]?.[0] || ''} options={templates} onChange={setTemplate} />
      <button type="submit">{t('notifyAdd')}</button>
    </form>
  );
}

