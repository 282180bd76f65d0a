import { useId } from 'react';
import { useSay, type WordKey as Key } from '../names/words';
import { booleanComparisons, conditionFields, fieldOf, numberComparisons, numberWords, type Comparison } from './condition';
import { conditionProblem, laterCards, type ConditionInput, type GuidedFlow } from './guidedModel';

/** What the author has chosen so far: the value as typed (100万), not yet a number. */
export interface ConditionDraft {
  field: string;
  comparison: Comparison;
  value: string;
  then: string;
  otherwise: string;
}

/** A new condition after a card: 金额 大于 …, when it holds the line goes on to the next card, otherwise to the one after that. */
export function newDraft(flow: GuidedFlow, after: string): ConditionDraft {
  const later = laterCards(flow, after);
  return { field: conditionFields[0].path, comparison: 'gt', value: '', then: later[0]?.id ?? '', otherwise: later[1]?.id ?? later[0]?.id ?? '' };
}

/** An existing condition as a draft, its number in words (1000000 → 100万). */
export function draftOf(input: ConditionInput): ConditionDraft {
  return { field: input.when.field, comparison: input.when.comparison, value: input.when.value ? numberWords(input.when.value) : '', then: input.then, otherwise: input.otherwise };
}

export const inputOf = (d: ConditionDraft): ConditionInput => ({ when: { field: d.field, comparison: d.comparison, value: d.value }, then: d.then, otherwise: d.otherwise });

/** Why the draft cannot be written yet, in words; null when it can. */
export function useDraftProblem(flow: GuidedFlow, after: string, next: string, draft: ConditionDraft): string | null {
  const { t } = useSay();
  const problem = conditionProblem(flow, after, next, inputOf(draft));
  if (!problem) return null;
  if (problem === 'guard' && draft.value.trim() === '') return null;
  return t(`gConditionProblem_${problem}` as Key, { t: flow.cards.find((c) => c.id === next)?.title ?? next });
}

/**
 * The condition of a 条件分支 chosen in words: the field by its name, the comparison, the value (a number; 万 and 亿
 * understood), and the cards it leads to when it holds and otherwise. No id and no expression is typed.
 */
export function ConditionFields({ flow, after, draft, onChange, problem }: { flow: GuidedFlow; after: string; draft: ConditionDraft; onChange: (d: ConditionDraft) => void; problem: string | null }) {
  const { t, lang } = useSay();
  const id = useId();
  const field = fieldOf(draft.field);
  const comparisons: readonly Comparison[] = field.type === 'boolean' ? booleanComparisons : numberComparisons;
  const later = laterCards(flow, after);
  const set = (patch: Partial<ConditionDraft>) => onChange({ ...draft, ...patch });
  const known = conditionFields.some((f) => f.path === draft.field);
  return (
    <fieldset className="guided-group guided-condition" data-testid="guided-condition">
      <legend>{t('gConditionGroup')}</legend>
      <div className="field">
        <label htmlFor={`${id}-f`}>{t('gConditionField')}</label>
        <select
          id={`${id}-f`}
          value={draft.field}
          data-testid="guided-condition-field"
          onChange={(e) => {
            const type = fieldOf(e.target.value).type;
            set({ field: e.target.value, ...(type !== field.type ? { comparison: type === 'boolean' ? 'is' : 'gt', value: '' } : {}) });
          }}
        >
          {!known && <option value={draft.field}>{lang === 'zh' ? field.zh : field.en}</option>}
          {conditionFields.map((f) => (
            <option key={f.path} value={f.path}>
              {lang === 'zh' ? f.zh : f.en}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-c`}>{t('gConditionCompare')}</label>
        <select id={`${id}-c`} value={draft.comparison} data-testid="guided-condition-compare" onChange={(e) => set({ comparison: e.target.value as Comparison })}>
          {comparisons.map((c) => (
            <option key={c} value={c}>
              {t(`gCmp_${c}` as Key)}
            </option>
          ))}
        </select>
      </div>
      {field.type === 'number' && (
        <div className="field">
          <label htmlFor={`${id}-v`}>{t('gConditionValue')}</label>
          <input
            id={`${id}-v`}
            value={draft.value}
            placeholder={t('gConditionValueHint')}
            inputMode="decimal"
            data-testid="guided-condition-value"
            onChange={(e) => set({ value: e.target.value })}
            onKeyDown={(e) => e.stopPropagation()}
          />
        </div>
      )}
      {(['then', 'otherwise'] as const).map((way) => (
        <div className="field" key={way}>
          <label htmlFor={`${id}-${way}`}>{t(way === 'then' ? 'gThen' : 'gOtherwise')}</label>
          <select id={`${id}-${way}`} value={draft[way]} data-testid={`guided-condition-${way}`} onChange={(e) => set({ [way]: e.target.value })}>
            {later.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
      ))}
      {problem && (
        <p className="error" role="alert" data-testid="guided-condition-problem">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
