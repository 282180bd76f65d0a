import { useQuery } from '@tanstack/react-query';
import type { Edge } from '@xyflow/react';
import { useState } from 'react';
import { useDirectory } from '../api/directory';
import { workingTimeQuery } from '../api/queries';
import type { GraphDto } from '../api/types';
import { stateAt, type Positions, type TransitionEdgeData } from '../graph/mapGraph';
import { renamePositions } from '../graph/positions';
import type { Selection } from '../graph/selection';
import { useI18n } from '../i18n/i18n';
import { useDebounced } from '../state/useDebounced';
import { renameEvent, renameState, setStateField, setTransitionField, splitId, stateNames } from '../yaml/definitionEdits';
import { deleteIn, parseYaml, setIn } from '../yaml/yamlText';
import { TaskRuleForm } from '../people/TaskRuleForm';
import { Check, Field, Select } from './Field';

type Edit = (fn: (yaml: string, positions: Positions) => { yaml: string; positions?: Positions } | string, group?: string) => void;
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v));
const list = (s: string): string | string[] | undefined => {
  const parts = s.split(',').map((x) => x.trim()).filter(Boolean);
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : parts;
};

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

/** Due-date preview of a duration on the item's calendar, from the server's calendar endpoint (a query per calendar and duration). */
function useDue(calendar: string, duration: string): string | undefined {
  const settled = useDebounced(duration, 200);
  const wellFormed = /^\d+(\.\d+)?(wd|wh|d|h|min)$/.test(settled);
  const answer = useQuery({ ...workingTimeQuery(calendar, settled), enabled: wellFormed && settled === duration });
  if (!wellFormed || settled !== duration || !answer.data) return undefined;
  const d = new Date(answer.data.due ?? '');
  return Number.isNaN(d.getTime()) ? undefined : d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
}

/** A department id, completed from organization.yaml and shown with its name (an unknown id is the validator's to report). */
function DepartmentField({ label, value, onCommit }: { label: string; value: string; onCommit: (v: string) => void }) {
  const { t } = useI18n();
  const directory = useDirectory();
  const name = value ? directory.departments[value] : undefined;
  const known = Object.keys(directory.departments).length > 0;
  return (
    <Field
      label={label}
      value={value}
      onCommit={onCommit}
      suggestions={Object.keys(directory.departments)}
      wholeValue
      mono
      preview={value && known ? (name ?? t('unknownDepartment')) : undefined}
      testId="department-field"
    />
  );
}

function LimitField({ label, value, calendar, onCommit, testId }: { label: string; value: string; calendar: string; onCommit: (v: string) => void; testId?: string }) {
  const { t } = useI18n();
  const due = useDue(calendar, value);
  return <Field label={label} value={value} onCommit={onCommit} mono testId={testId} preview={due ? t('duePreview', { due }) : undefined} />;
}

export function Inspector({ yaml, definition, graph, selected, edges, edit, onSelect }: Props) {
  const { t } = useI18n();
  const def = obj(definition);
  const calendar = str(obj(def.item).calendar) || 'cn-mainland';
  const caseFields = [...guardNames, ...((def.materials as Obj[] | undefined) ?? []).map((m) => `'${str(m.id)}'`)];

  if (selected?.type === 'edge') {
    const e = edges.find((x) => x.id === selected.id);
    if (!e?.data) return <p>{t('selectToEdit')}</p>;
    return <TransitionForm from={e.data.from} event={e.data.event} yaml={yaml} definition={definition} edit={edit} caseFields={caseFields} onRenamed={(ev) => onSelect({ type: 'edge', id: e.id.replace(`:${e.data!.event}:`, `:${ev}:`) })} />;
  }

  if (selected?.type === 'node' && graph) {
    const node = graph.nodes.find((n) => n.id === selected.id);
    if (!node) return <p>{t('selectToEdit')}</p>;
    const s = obj(stateAt(definition, node.id));
    const set = (field: (string | number)[], v: unknown) => edit((y) => setStateField(y, node.id, field, v), `field:${node.id}:${field.join('.')}`);
    if (node.kind === 'Branch') {
      return (
        <div className="inspector" data-testid="inspector">
          <h2>
            {t('branches')}: {node.name}
          </h2>
          {typeof s.use === 'string' && <p className="note">{t('fragmentNote', { f: s.use })}</p>}
          <Field label={t('title')} value={str(s.title)} onCommit={(v) => set(['title'], v)} testId="inspector-title" />
          <DepartmentField label={t('department')} value={str(s.department)} onCommit={(v) => set(['department'], v)} />
          <LimitField label={t('limit')} value={str(s.limit)} calendar={calendar} onCommit={(v) => set(['limit'], v)} />
          <Select label={t('onTimeout')} value={str(s.onTimeout) || 'warn'} options={['warn', 'approve', 'reject']} onChange={(v) => set(['onTimeout'], v === 'warn' ? undefined : v)} />
          <Field label={t('use')} value={str(s.use)} onCommit={(v) => set(['use'], v)} mono />
        </div>
      );
    }
    const { region } = splitId(node.id);
    const siblings = stateNames(parseYaml(yaml), region);
    const on = obj(s.on);
    const after = obj(s.after);
    const par = obj(s.parallel);
    return (
      <div className="inspector" data-testid="inspector">
        <h2>
          {node.kind === 'Parallel' ? t('parallel') : t('state')}: <span className="mono">{node.id}</span>
        </h2>
        <Field label={t('title')} value={str(s.title)} onCommit={(v) => set(['title'], v)} testId="inspector-title" />
        <Field
          label={t('stateName')}
          value={node.name}
          mono
          testId="inspector-name"
          onCommit={(v) => {
            const newId = region ? `${region}/${v}` : v;
            edit((y, p) => ({ yaml: renameState(y, node.id, v), positions: renamePositions(p, node.id, newId) }));
            onSelect({ type: 'node', id: newId });
          }}
        />
        <Check label={t('initial')} checked={s.initial === true} onChange={(v) => set(['initial'], v || undefined)} />
        <Check label={t('final')} checked={s.final === true} onChange={(v) => set(['final'], v || undefined)} />
        {s.final === true && (
          <Select label={t('outcome')} value={str(s.outcome)} options={['', 'approved', 'rejected', 'terminated', 'revoked', 'not-accepted', 'withdrawn', 'returned']} onChange={(v) => set(['outcome'], v || undefined)} />
        )}
        <Select
          label={t('clock')}
          value={str(s.clock)}
          options={[['', t('clock_default')], ...(['running', 'not-started', 'waiting-applicant', 'special-procedure', 'stopped'] as const).map((c): [string, string] => [c, `${c} · ${t(`clock_${c}`)}`])]}
          onChange={(v) => set(['clock'], v || undefined)}
        />
        <DepartmentField label={t('department')} value={str(s.department)} onCommit={(v) => set(['department'], v || undefined)} />
        <LimitField label={t('limit')} value={str(s.limit)} calendar={calendar} onCommit={(v) => set(['limit'], v || undefined)} testId="inspector-limit" />
        {node.kind === 'State' && (
          <TaskRuleForm
            value={s.task}
            department={str(s.department) || str(obj(stateAt(definition, node.id.split('/').slice(0, -1).join('/'))).department)}
            steps={siblings.filter((x) => x !== node.name)}
            onChange={(rule) => set(['task'], rule)}
          />
        )}
        {node.kind === 'Parallel' && (
          <fieldset>
            <legend>{t('parallel')}</legend>
            <Select
              label={t('join')}
              value={typeof par.join === 'object' ? 'atLeast' : str(par.join) || 'all'}
              options={['all', 'any', 'atLeast']}
              onChange={(v) => set(['parallel', 'join'], v === 'atLeast' ? { atLeast: 2 } : v)}
            />
            {typeof par.join === 'object' && <Field label={t('atLeast')} value={str(obj(par.join).atLeast)} onCommit={(v) => set(['parallel', 'join', 'atLeast'], Number(v))} />}
            <Field label={t('onReject')} value={str(par.onReject)} onCommit={(v) => set(['parallel', 'onReject'], v)} suggestions={[...siblings, 'suspend']} />
            <Field label={t('onDone')} value={str(s.onDone)} onCommit={(v) => set(['onDone'], v)} suggestions={siblings} />
            <h3>{t('branches')}</h3>
            <ul>
              {Object.keys(obj(par.branches)).map((b) => (
                <li key={b}>
                  <button type="button" className="link" onClick={() => onSelect({ type: 'node', id: `${node.id}/${b}` })}>
                    {b}
                  </button>
                </li>
              ))}
            </ul>
            <AddRow
              labels={[t('branches'), t('department')]}
              onAdd={([b, dept]) => edit((y) => setStateField(y, node.id, ['parallel', 'branches', b], { department: dept, states: { reviewing: { initial: true, on: { approve: 'approved', reject: 'rejected' } }, approved: { final: true, outcome: 'approved' }, rejected: { final: true, outcome: 'rejected' } } }))}
              addLabel={t('addBranch')}
            />
          </fieldset>
        )}
        <fieldset>
          <legend>{t('timers')}</legend>
          {Object.entries(after).map(([d, target]) => (
            <div className="row" key={d}>
              <span className="mono">{d}</span> → <span className="mono">{str(target)}</span>
              <button type="button" onClick={() => edit((y) => setStateField(y, node.id, ['after', d], undefined))} aria-label={`${t('remove')} ${d}`}>
                ✕
              </button>
            </div>
          ))}
          <AddRow labels={[t('duration'), t('target')]} onAdd={([d, target]) => edit((y) => setStateField(y, node.id, ['after', d], target))} addLabel={t('add')} />
        </fieldset>
        <fieldset>
          <legend>{t('transitions')}</legend>
          {Object.keys(on).map((ev) => (
            <TransitionForm key={ev} from={node.id} event={ev} yaml={yaml} definition={definition} edit={edit} caseFields={caseFields} compact />
          ))}
          <AddRow
            labels={[t('event'), t('target')]}
            onAdd={([ev, target]) => edit((y) => setStateField(y, node.id, ['on', ev], target))}
            addLabel={t('add')}
            testId="add-transition"
          />
        </fieldset>
      </div>
    );
  }

  return <ItemForm definition={definition} edit={edit} calendar={calendar} />;
}

function AddRow({ labels, onAdd, addLabel, testId }: { labels: string[]; onAdd: (values: string[]) => void; addLabel: string; testId?: string }) {
  const [values, setValues] = useState(labels.map(() => ''));
  return (
    <form
      className="addrow"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        if (values.some((v) => !v.trim())) return;
        onAdd(values.map((v) => v.trim()));
        setValues(labels.map(() => ''));
      }}
    >
      {labels.map((l, i) => (
        <input
          key={l}
          aria-label={l}
          placeholder={l}
          value={values[i]}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.nativeEvent.isComposing || e.keyCode === 229)) e.preventDefault();
            e.stopPropagation();
          }}
          onChange={(e) => setValues(values.map((v, j) => (j === i ? e.target.value : v)))}
        />
      ))}
      <button type="submit">{addLabel}</button>
    </form>
  );
}

function TransitionForm({
  from,
  event,
  yaml,
  definition,
  edit,
  caseFields,
  compact,
  onRenamed,
}: {
  from: string;
  event: string | null;
  yaml: string;
  definition: unknown;
  edit: Edit;
  caseFields: string[];
  compact?: boolean;
  onRenamed?: (ev: string) => void;
}) {
  const { t } = useI18n();
  if (!event) return <p className="note">{from}</p>;
  const s = obj(stateAt(definition, from));
  const raw = obj(s.on)[event];
  const tr = typeof raw === 'string' ? { to: raw } : obj(raw);
  const siblings = stateNames(parseYaml(yaml), splitId(from).region);
  const set = (field: string, v: unknown) => edit((y) => setTransitionField(y, from, event, field, v), `tr:${from}:${event}:${field}`);
  return (
    <div className={compact ? 'transition compact' : 'inspector'} data-testid="transition-form">
      {!compact && (
        <h2>
          {t('transitions')}: <span className="mono">{from}</span>
        </h2>
      )}
      <Field
        label={t('event')}
        value={event}
        mono
        onCommit={(v) => {
          edit((y) => renameEvent(y, from, event, v));
          onRenamed?.(v);
        }}
      />
      <Field label={t('target')} value={str(tr.to)} mono onCommit={(v) => set('to', v)} suggestions={siblings} />
      <Field label={t('roles')} value={str(tr.by)} onCommit={(v) => set('by', list(v))} suggestions={['window', 'applicant', 'system', 'supervisor', 'lead', 'department']} />
      <Field label={t('guard')} value={str(typeof tr.when === 'object' ? obj(tr.when).js ?? obj(tr.when).csharp : tr.when)} onCommit={(v) => set('when', v || undefined)} suggestions={caseFields} mono testId="guard" />
      <Check label={t('tolerance')} checked={tr.tolerance === true} onChange={(v) => set('tolerance', v || undefined)} />
      <Check label={t('commitment')} checked={tr.commitment === true} onChange={(v) => set('commitment', v || undefined)} />
      <Select label={t('notice')} value={str(tr.notice)} options={['', 'one-time', 'correction']} onChange={(v) => set('notice', v || undefined)} />
      {compact && (
        <button type="button" onClick={() => edit((y) => setStateField(y, from, ['on', event], undefined))}>
          {t('remove')} {event}
        </button>
      )}
    </div>
  );
}

function ItemForm({ definition, edit, calendar }: { definition: unknown; edit: Edit; calendar: string }) {
  const { t } = useI18n();
  const def = obj(definition);
  const item = obj(def.item);
  const tl = obj(item.timeLimit);
  const tol = obj(def.tolerance);
  const com = obj(def.commitment);
  const materials = (def.materials as Obj[] | undefined) ?? [];
  const notify = (def.notify as Obj[] | undefined) ?? [];
  const set = (path: (string | number)[], v: unknown) =>
    edit((y) => (v === undefined || v === '' ? deleteIn(y, path) : setIn(y, path, v)), `item:${path.join('.')}`);
  return (
    <div className="inspector" data-testid="inspector">
      <p className="note">{t('selectToEdit')}</p>
      <h2>{t('item')}</h2>
      <Field label={t('createName')} value={str(item.name)} onCommit={(v) => set(['item', 'name'], v)} />
      <DepartmentField label={t('department')} value={str(item.lead)} onCommit={(v) => set(['item', 'lead'], v)} />
      <Field label={t('calendar')} value={str(item.calendar)} onCommit={(v) => set(['item', 'calendar'], v)} />
      <LimitField label={t('statutory')} value={str(tl.statutory)} calendar={calendar} onCommit={(v) => set(['item', 'timeLimit', 'statutory'], v)} />
      <LimitField label={t('promised')} value={str(tl.promised)} calendar={calendar} onCommit={(v) => set(['item', 'timeLimit', 'promised'], v)} />
      <Field label={t('warnAt')} value={str(tl.warnAt)} onCommit={(v) => set(['item', 'timeLimit', 'warnAt'], v)} />
      <h3>{t('materials')}</h3>
      {/* One block per material (the inspector is a narrow column): its id and name, then its flags and shared source. */}
      <div className="blocks" data-testid="materials">
        {materials.map((m, i) => (
          <div className="block" key={i} data-material={str(m.id)}>
            <div className="row">
              <span className="mono">{str(m.id)}</span>
              <span className="block-name">{str(m.name)}</span>
              <button type="button" aria-label={`${t('remove')} ${str(m.id)}`} onClick={() => edit((y) => deleteIn(y, ['materials', i]))}>
                ✕
              </button>
            </div>
            <div className="row">
              {(
                [
                  ['core', 'matCore'],
                  ['tolerable', 'matTolerable'],
                  ['committable', 'matCommittable'],
                  ['optional', 'matOptional'],
                ] as const
              ).map(([f, label]) => (
                <label key={f} className="check-inline">
                  <input type="checkbox" aria-label={`${str(m.id)} ${f}`} checked={m[f] === true} onChange={(e) => set(['materials', i, f], e.target.checked || undefined)} />
                  {t(label)}
                </label>
              ))}
            </div>
            <label className="check-inline">
              {t('matShared')}{' '}
              <input aria-label={`${str(m.id)} shared`} defaultValue={str(m.shared)} onBlur={(e) => e.target.value !== str(m.shared) && set(['materials', i, 'shared'], e.target.value || undefined)} />
            </label>
          </div>
        ))}
      </div>
      <AddRow labels={[t('matId'), t('colName')]} onAdd={([id, name]) => set(['materials', materials.length], { id, name })} addLabel={t('add')} />
      <h3>{t('toleranceRule')}</h3>
      <Field label={t('maxMissing')} value={str(tol.maxMissing)} onCommit={(v) => set(['tolerance', 'maxMissing'], v === '' ? undefined : Number(v))} />
      <LimitField label={t('supplementWithin')} value={str(tol.supplementWithin)} calendar={calendar} onCommit={(v) => set(['tolerance', 'supplementWithin'], v)} />
      <Field label={t('onBreach')} value={str(tol.onBreach)} onCommit={(v) => set(['tolerance', 'onBreach'], v)} />
      <h3>{t('commitmentRule')}</h3>
      <LimitField label={t('verifyWithin')} value={str(com.verifyWithin)} calendar={calendar} onCommit={(v) => set(['commitment', 'verifyWithin'], v)} />
      <Field label={t('onFalse')} value={str(com.onFalse)} onCommit={(v) => set(['commitment', 'onFalse'], v)} />
      <h3>{t('notifications')}</h3>
      <div className="blocks" data-testid="notifications">
        {notify.map((n, i) => (
          <div className="block" key={i}>
            <div className="row">
              <span className="mono block-name" title={t('notifyOn')}>
                {str(n.on)}
              </span>
              <button type="button" aria-label={`${t('remove')} ${str(n.on)}`} onClick={() => edit((y) => deleteIn(y, ['notify', i]))}>
                ✕
              </button>
            </div>
            <div className="note">
              {t('notifyTo')} {str(n.to)} · {t('template')} {str(n.template)}
              {n.channel ? ` · ${t('channel')} ${str(n.channel)}` : ''}
            </div>
          </div>
        ))}
      </div>
      <AddRow
        labels={[t('notifyOn'), t('notifyTo'), t('template')]}
        onAdd={([on, to, template]) => set(['notify', notify.length], { on, to, template })}
        addLabel={t('add')}
      />
    </div>
  );
}
