import { useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useId, useMemo, useState } from 'react';
import { peopleQuery } from '../api/peopleQueries';
import type { PeopleDepartment } from '../api/peopleTypes';
import { Field } from '../components/Field';
import { durationWords } from '../names/duration';
import { useSay, type WordKey as Key } from '../names/words';
import type { Edit } from '../state/useDefinitionDocument';
import {
  addBranch,
  addMaterial,
  deleteCard,
  insertCondition,
  insertParallel,
  insertStep,
  joinDuration,
  readFlow,
  removeBranch,
  removeMaterial,
  setBranchField,
  setCardField,
  setCondition,
  setTimeLimit,
  splitDuration,
  units,
  type Card,
  type GuidedFlow,
  type Unit,
} from './guidedModel';
import { ConditionFields, draftOf, inputOf, newDraft, useDraftProblem, type ConditionDraft } from './ConditionFields';
import './guided.css';

type AddKind = 'step' | 'parallel' | 'condition';
type Panel = { type: 'card'; id: string } | { type: 'add'; after: string; kind: AddKind } | null;

/**
 * The guided view (引导模式): the item's main flow as a column of cards with "+" between them, and a form beside it
 * for the chosen card or the step being added. Every change is an edit of the same document (one undo history with
 * the diagram and the YAML); parts of a definition the cards cannot show are listed and shown read-only.
 */
export function GuidedPane({ definition, edit }: { definition: unknown; edit: Edit }) {
  const { t } = useSay();
  const flow = useMemo(() => readFlow(definition), [definition]);
  const people = useQuery(peopleQuery());
  const departments = useMemo(() => people.data ?? [], [people.data]);
  const [panel, setPanel] = useState<Panel>(null);
  const [menu, setMenu] = useState<string | null>(null);

  // A card that went away (undo, an edit in the YAML) closes its form.
  useEffect(() => {
    if (panel?.type === 'card' && !flow.cards.some((c) => c.id === panel.id)) setPanel(null);
    if (panel?.type === 'add' && !flow.cards.some((c) => c.id === panel.after && c.next)) setPanel(null);
  }, [flow, panel]);

  const selected = panel?.type === 'card' ? flow.cards.find((c) => c.id === panel.id) : undefined;
  // Before the organization has loaded a department is waiting for its name, never shown as its id.
  const deptName = (id: string | undefined) => (id ? (departments.find((d) => d.id === id)?.name ?? (people.data ? id : t('pickLoading'))) : '');

  return (
    <section className="guided-pane" aria-label={t('viewGuided')} data-testid="guided">
      {!flow.simple && <ComplexNotice flow={flow} />}
      <div className="guided-body">
        <ol className="guided-flow" aria-label={t('gFlow')} data-testid="guided-flow">
          {flow.cards.map((c, i) => (
            <Fragment key={c.id}>
              <li className="guided-item">
                <button
                  type="button"
                  className={`guided-card kind-${c.kind}${c.readOnly ? ' read-only' : ''}${selected?.id === c.id ? ' selected' : ''}`}
                  aria-pressed={selected?.id === c.id}
                  onClick={() => setPanel({ type: 'card', id: c.id })}
                  data-testid="guided-card"
                  data-card={c.id}
                >
                  <span className="guided-kind">{t(kindLabel(c, i))}</span>
                  <span className="guided-title">{c.title}</span>
                  <CardSummary card={c} deptName={deptName} departments={departments} titleOf={(id) => flow.cards.find((x) => x.id === id)?.title ?? id} />
                  {c.readOnly && <span className="guided-badge">{t('gReadOnly')}</span>}
                </button>
              </li>
              {c.next && !c.readOnly && (
                <li className="guided-gap">
                  <button
                    type="button"
                    className="guided-plus"
                    aria-label={t('gAddAfter', { t: c.title })}
                    aria-expanded={menu === c.id}
                    onClick={() => setMenu(menu === c.id ? null : c.id)}
                    data-testid="guided-plus"
                    data-after={c.id}
                  >
                    +
                  </button>
                  {menu === c.id && (
                    <span className="guided-menu">
                      <button type="button" data-testid="guided-add-step" onClick={() => (setPanel({ type: 'add', after: c.id, kind: 'step' }), setMenu(null))}>
                        {t('gAddStep')}
                      </button>
                      <button type="button" data-testid="guided-add-parallel" onClick={() => (setPanel({ type: 'add', after: c.id, kind: 'parallel' }), setMenu(null))}>
                        {t('gAddParallel')}
                      </button>
                      <button type="button" data-testid="guided-add-condition" onClick={() => (setPanel({ type: 'add', after: c.id, kind: 'condition' }), setMenu(null))}>
                        {t('gAddCondition')}
                      </button>
                    </span>
                  )}
                </li>
              )}
              {c.next && c.readOnly && <li className="guided-gap" aria-hidden="true" />}
            </Fragment>
          ))}
        </ol>
        <aside className="guided-form" aria-label={selected?.title ?? t('gAdd')} data-testid="guided-form">
          {panel === null && <p className="hint">{t('gSelectCard')}</p>}
          {selected && <CardForm key={selected.id} card={selected} flow={flow} departments={departments} edit={edit} onDeleted={() => setPanel(null)} />}
          {panel?.type === 'add' && (
            <AddForm
              key={`${panel.after}-${panel.kind}`}
              kind={panel.kind}
              flow={flow}
              after={panel.after}
              departments={departments}
              onCancel={() => setPanel(null)}
              onAdd={(make) => {
                let added: string | undefined;
                edit((y) => {
                  const r = make(y, panel.after);
                  added = r.id;
                  return r.text;
                });
                if (added) setPanel({ type: 'card', id: added });
              }}
            />
          )}
        </aside>
      </div>
    </section>
  );
}

function kindLabel(c: Card, i: number): Key {
  if (c.kind === 'intake' || i === 0) return 'gIntake';
  if (c.kind === 'end') return 'gEnd';
  if (c.kind === 'condition') return 'gCondition';
  return c.kind === 'parallel' ? 'gParallel' : 'gStep';
}

function CardSummary({ card, deptName, departments, titleOf }: { card: Card; deptName: (id?: string) => string; departments: PeopleDepartment[]; titleOf: (id: string) => string }) {
  const { t } = useSay();
  const lines: string[] = [];
  if (card.condition) {
    lines.push(t('gIf', { c: card.condition.words, a: titleOf(card.condition.then) }));
    lines.push(t('gElse', { b: titleOf(card.condition.otherwise) }));
  } else if (card.kind === 'parallel') lines.push((card.branches ?? []).map((b) => deptName(b.department)).join('、'));
  else if (card.department && card.kind !== 'intake') {
    const pos = card.position ? departments.find((d) => d.id === card.department)?.positions.find((p) => p.id === card.position)?.name ?? card.position : '';
    lines.push([deptName(card.department), pos].filter(Boolean).join(' · '));
  }
  if (card.limit) lines.push(durationText(t, card.limit));
  if (card.helpers.length > 0) lines.push(t('gCorrection', { t: card.helperTitles.join('、') }));
  if (card.readOnly) lines.push(card.reasons.map((r) => t(`gReason_${r}` as Key)).join('；'));
  return (
    <>
      {lines.map((l, i) => (
        <span key={i} className="guided-line">
          {l}
        </span>
      ))}
    </>
  );
}

export function durationText(t: (k: Key, v?: Record<string, string | number>) => string, d: string): string {
  return durationWords(d, (u) => t(`unit_${u}`));
}

function ComplexNotice({ flow }: { flow: GuidedFlow }) {
  const { t } = useSay();
  const parts = [
    ...flow.cards.filter((c) => c.readOnly || c.reasons.includes('dead-end')).map((c) => `${c.title}：${c.reasons.map((r) => t(`gReason_${r}` as Key)).join('；')}`),
    ...flow.hidden.map((h) => `${t('gHidden', { t: h.title })}（${t(`gReason_${h.reason}` as Key)}）`),
  ];
  return (
    <div className="guided-complex" role="note" data-testid="guided-complex">
      <p>{t('gComplex')}</p>
      <ul>
        {parts.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

/** A duration as a number and a unit chosen in words (工作日 / 工作小时 / 自然日); one a unit list cannot show stays as written. */
function DurationField({ label, value, onChange, testId }: { label: string; value: string | undefined; onChange: (v: string | undefined) => void; testId: string }) {
  const { t } = useSay();
  const id = useId();
  const split = splitDuration(value);
  const [amount, setAmount] = useState(split?.amount ?? '');
  const [unit, setUnit] = useState<Unit>(split?.unit ?? 'wd');
  useEffect(() => {
    const s = splitDuration(value);
    if (s) {
      setAmount(s.amount);
      setUnit(s.unit);
    }
  }, [value]);
  const commit = (a: string, u: Unit) => {
    const next = joinDuration(a, u);
    if (next !== value) onChange(next);
  };
  return (
    <fieldset className="guided-duration" data-testid={testId}>
      <legend>{label}</legend>
      <label htmlFor={`${id}-n`} className="sr-only">
        {t('gAmount')}
      </label>
      <input
        id={`${id}-n`}
        type="number"
        min="0"
        step="0.5"
        inputMode="decimal"
        placeholder={t('gNoLimit')}
        value={amount}
        data-testid={`${testId}-amount`}
        onChange={(e) => setAmount(e.target.value)}
        onBlur={() => commit(amount, unit)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') commit(amount, unit);
        }}
      />
      <label htmlFor={`${id}-u`} className="sr-only">
        {t('gUnit')}
      </label>
      <select
        id={`${id}-u`}
        value={unit}
        data-testid={`${testId}-unit`}
        onChange={(e) => {
          const u = e.target.value as Unit;
          setUnit(u);
          commit(amount, u);
        }}
      >
        {units.map((u) => (
          <option key={u} value={u}>
            {t(`unit_${u}`)}
          </option>
        ))}
      </select>
      {!split && value && <span className="hint">{t('gOtherDuration', { d: value })}</span>}
    </fieldset>
  );
}

function DepartmentSelect({ label, value, departments, onChange, testId, exclude = [] }: { label: string; value: string; departments: PeopleDepartment[]; onChange: (v: string) => void; testId: string; exclude?: string[] }) {
  const { t } = useSay();
  const id = useId();
  const known = departments.some((d) => d.id === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{t('gChooseDepartment')}</option>
        {value && !known && <option value={value}>{value}</option>}
        {departments
          .filter((d) => d.id === value || !exclude.includes(d.id))
          .map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
      </select>
    </div>
  );
}

function PositionSelect({ department, value, departments, onChange, testId }: { department: string; value: string; departments: PeopleDepartment[]; onChange: (v: string) => void; testId: string }) {
  const { t } = useSay();
  const id = useId();
  const positions = departments.find((d) => d.id === department)?.positions ?? [];
  return (
    <div className="field">
      <label htmlFor={id}>{t('gPosition')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} disabled={positions.length === 0 && !value}>
        <option value="">{t('gAnyone')}</option>
        {value && !positions.some((p) => p.id === value) && <option value={value}>{value}</option>}
        {positions.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function CardForm({ card, flow, departments, edit, onDeleted }: { card: Card; flow: GuidedFlow; departments: PeopleDepartment[]; edit: Edit; onDeleted: () => void }) {
  const { t } = useSay();
  const [confirming, setConfirming] = useState(false);
  const [branchDept, setBranchDept] = useState('');
  const [material, setMaterial] = useState('');
  const set = (field: Parameters<typeof setCardField>[2], v: string | undefined) => edit((y) => setCardField(y, card.id, field, v));
  const deptName = (id: string) => departments.find((d) => d.id === id)?.name ?? id;

  if (card.readOnly) {
    return (
      <div data-testid="guided-card-form">
        <h2>{card.title}</h2>
        <p className="guided-readonly">
          {t('gReadOnly')}：{card.reasons.map((r) => t(`gReason_${r}` as Key)).join('；')}
        </p>
      </div>
    );
  }
  return (
    <div data-testid="guided-card-form">
      <h2>{card.title}</h2>
      <Field label={t('gTitle')} value={card.title} onCommit={(v) => v.trim() && set('title', v.trim())} testId="guided-title" />
      {card.kind === 'intake' && (
        <>
          <fieldset className="guided-group">
            <legend>{t('gItemLimits')}</legend>
            <DurationField label={t('gPromised')} value={flow.timeLimit.promised} onChange={(v) => edit((y) => setTimeLimit(y, 'promised', v))} testId="guided-promised" />
            <DurationField label={t('gStatutory')} value={flow.timeLimit.statutory} onChange={(v) => edit((y) => setTimeLimit(y, 'statutory', v))} testId="guided-statutory" />
          </fieldset>
          <fieldset className="guided-group">
            <legend>{t('gMaterials')}</legend>
            <ul className="guided-list" data-testid="guided-materials">
              {flow.materials.map((m) => (
                <li key={m.id}>
                  {m.name}
                  <button type="button" className="link" aria-label={t('gRemove', { t: m.name })} onClick={() => edit((y) => removeMaterial(y, m.id))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                if (material.trim()) edit((y) => addMaterial(y, material));
                setMaterial('');
              }}
            >
              <label>
                <span className="sr-only">{t('gMaterialName')}</span>
                <input value={material} placeholder={t('gMaterialName')} onChange={(e) => setMaterial(e.target.value)} onKeyDown={(e) => e.stopPropagation()} data-testid="guided-material-name" />
              </label>
              <button type="submit" data-testid="guided-material-add">
                {t('gAddMaterial')}
              </button>
            </form>
          </fieldset>
        </>
      )}
      {card.kind === 'step' && (
        <>
          <DepartmentSelect
            label={t('gDepartment')}
            value={card.department ?? ''}
            departments={departments}
            testId="guided-department"
            onChange={(v) =>
              edit((y) => {
                let out = setCardField(y, card.id, 'department', v || undefined);
                const positions = departments.find((d) => d.id === v)?.positions ?? [];
                if (card.position && !positions.some((p) => p.id === card.position)) out = setCardField(out, card.id, 'position', undefined);
                return out;
              })
            }
          />
          {card.department && <PositionSelect department={card.department} value={card.position ?? ''} departments={departments} onChange={(v) => set('position', v || undefined)} testId="guided-position" />}
          <DurationField label={t('gStepLimit')} value={card.limit} onChange={(v) => set('limit', v)} testId="guided-limit" />
        </>
      )}
      {card.kind === 'parallel' && (
        <>
          <div className="field">
            <label htmlFor={`join-${card.id}`}>{t('gJoin')}</label>
            <select id={`join-${card.id}`} value={card.join} onChange={(e) => set('join', e.target.value)} disabled={card.join === 'atLeast'} data-testid="guided-join">
              {(['all', 'any', ...(card.join === 'atLeast' ? ['atLeast'] : [])] as const).map((j) => (
                <option key={j} value={j}>
                  {t(`gJoin_${j}` as Key)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="guided-group">
            <legend>{t('gDepartments')}</legend>
            <ul className="guided-list" data-testid="guided-branches">
              {(card.branches ?? []).map((b) => (
                <li key={b.name} data-testid="guided-branch" data-branch={b.name}>
                  <span className="guided-branch-name">
                    {deptName(b.department)}
                    {b.custom && <span className="hint"> （{t('gCustomBranch')}）</span>}
                  </span>
                  <DurationField label={t('gBranchLimit')} value={b.limit} onChange={(v) => edit((y) => setBranchField(y, card.id, b.name, 'limit', v))} testId="guided-branch-limit" />
                  {(card.branches ?? []).length > 1 && (
                    <button type="button" className="link" aria-label={t('gRemove', { t: deptName(b.department) })} onClick={() => edit((y) => removeBranch(y, card.id, b.name))}>
                      ×
                    </button>
                  )}
                </li>
              ))}
            </ul>
            <div className="row">
              <DepartmentSelect label={t('gAddDepartment')} value={branchDept} departments={departments} exclude={(card.branches ?? []).map((b) => b.department)} onChange={setBranchDept} testId="guided-branch-department" />
              <button
                type="button"
                disabled={!branchDept}
                data-testid="guided-branch-add"
                onClick={() => {
                  edit((y) => addBranch(y, card.id, { department: branchDept, title: deptName(branchDept) }));
                  setBranchDept('');
                }}
              >
                {t('gConfirmAdd')}
              </button>
            </div>
          </fieldset>
        </>
      )}
      {card.condition && card.next && <ConditionCardForm card={card} flow={flow} edit={edit} />}
      {(card.kind === 'step' || card.kind === 'parallel' || card.kind === 'condition') && card.next && !flow.cards[flow.cards.findIndex((c) => c.id === card.id) - 1]?.readOnly && (
        <div className="guided-delete">
          {!confirming ? (
            <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="guided-delete">
              {t('gDelete')}
            </button>
          ) : (
            <div role="alertdialog" aria-label={t('gDelete')} className="guided-confirm" data-testid="guided-delete-confirm">
              <p>{t('gDeleteConfirm', { t: card.title })}</p>
              <button
                type="button"
                className="danger"
                data-testid="guided-delete-yes"
                autoFocus
                onClick={() => {
                  edit((y) => deleteCard(y, card.id));
                  onDeleted();
                }}
              >
                {t('gDeleteYes')}
              </button>
              <button type="button" onClick={() => setConfirming(false)} data-testid="guided-delete-no">
                {t('gCancel')}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

type Maker = (yaml: string, after: string) => { text: string; id: string };

function AddForm({ kind, flow, after, departments, onAdd, onCancel }: { kind: AddKind; flow: GuidedFlow; after: string; departments: PeopleDepartment[]; onAdd: (make: Maker) => void; onCancel: () => void }) {
  const { t } = useSay();
  const [title, setTitle] = useState(kind === 'step' ? '审批' : kind === 'parallel' ? '并联审批' : '条件分支');
  const [draft, setDraft] = useState<ConditionDraft>(() => newDraft(flow, after));
  const next = flow.cards.find((c) => c.id === after)?.next ?? '';
  const problem = useDraftProblem(flow, after, next, draft);
  const [department, setDepartment] = useState('');
  const [position, setPosition] = useState('');
  const [limit, setLimit] = useState<string | undefined>(undefined);
  const [chosen, setChosen] = useState<string[]>([]);
  const titleId = useId();
  const ok = title.trim() !== '' && (kind === 'step' ? department !== '' : kind === 'parallel' ? chosen.length > 0 : problem === null && (fieldIsYesNo(draft) || draft.value.trim() !== ''));
  const deptName = (id: string) => departments.find((d) => d.id === id)?.name ?? id;
  return (
    <form
      data-testid="guided-add-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        if (kind === 'step') onAdd((y, after) => insertStep(y, after, { title: title.trim(), department, position: position || undefined, limit }));
        else if (kind === 'condition') onAdd((y, after) => insertCondition(y, after, title.trim(), inputOf(draft)));
        else onAdd((y, after) => insertParallel(y, after, title.trim(), chosen.map((d) => ({ department: d, title: deptName(d), limit }))));
      }}
    >
      <h2>{t(kind === 'step' ? 'gNewStep' : kind === 'parallel' ? 'gNewParallel' : 'gNewCondition')}</h2>
      <div className="field">
        <label htmlFor={titleId}>{t('gTitle')}</label>
        <input id={titleId} value={title} onChange={(e) => setTitle(e.target.value)} onKeyDown={(e) => e.stopPropagation()} data-testid="guided-new-title" />
      </div>
      {kind === 'condition' ? (
        <ConditionFields flow={flow} after={after} draft={draft} onChange={setDraft} problem={problem} />
      ) : kind === 'step' ? (
        <>
          <DepartmentSelect label={t('gDepartment')} value={department} departments={departments} onChange={(v) => (setDepartment(v), setPosition(''))} testId="guided-new-department" />
          {department && <PositionSelect department={department} value={position} departments={departments} onChange={setPosition} testId="guided-new-position" />}
          <DurationField label={t('gStepLimit')} value={limit} onChange={setLimit} testId="guided-new-limit" />
        </>
      ) : (
        <>
          <fieldset className="guided-group" data-testid="guided-new-departments">
            <legend>{t('gDepartments')}</legend>
            {departments.map((d) => (
              <label key={d.id} className="guided-check">
                <input
                  type="checkbox"
                  checked={chosen.includes(d.id)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, d.id] : chosen.filter((x) => x !== d.id))}
                  data-testid="guided-new-department"
                  data-department={d.id}
                />
                {d.name}
              </label>
            ))}
          </fieldset>
          <DurationField label={t('gBranchLimit')} value={limit} onChange={setLimit} testId="guided-new-limit" />
        </>
      )}
      <div className="row">
        <button type="submit" disabled={!ok} data-testid="guided-new-add">
          {t('gConfirmAdd')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('gCancel')}
        </button>
      </div>
    </form>
  );
}

const fieldIsYesNo = (d: ConditionDraft) => d.comparison === 'is' || d.comparison === 'isNot';

/** A 条件分支's condition and ways on, changed in words and written when 更新条件 is pressed. */
function ConditionCardForm({ card, flow, edit }: { card: Card; flow: GuidedFlow; edit: Edit }) {
  const { t } = useSay();
  const current = card.condition!;
  const [draft, setDraft] = useState<ConditionDraft>(() => draftOf({ when: current.when, then: current.then, otherwise: current.otherwise }));
  const problem = useDraftProblem(flow, card.id, card.next!, draft);
  const ready = problem === null && (fieldIsYesNo(draft) || draft.value.trim() !== '');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) edit((y) => setCondition(y, card.id, inputOf(draft)));
      }}
    >
      <ConditionFields flow={flow} after={card.id} draft={draft} onChange={setDraft} problem={problem} />
      <button type="submit" disabled={!ready} data-testid="guided-condition-apply">
        {t('gConditionApply')}
      </button>
    </form>
  );
}
