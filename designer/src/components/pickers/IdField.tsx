import { useEffect, useId, useState } from 'react';
import { useComposition } from '../../ime';
import { idProblem } from '../../names/ids';
import { useSay } from '../../names/words';

/**
 * The 高级 place of an id: closed by default, the id generated from the name shown there and editable, checked against
 * the id rule and the ids taken beside it before it is committed (a rename updates every reference, as before).
 */
export function AdvancedId({ value, taken, onCommit, testId }: { value: string; taken: string[]; onCommit?: (v: string) => void; testId?: string }) {
  const { t } = useSay();
  const id = useId();
  const ime = useComposition();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const problem = draft === value ? null : idProblem(draft, taken, value);
  const commit = () => {
    if (draft !== value && !problem && onCommit) onCommit(draft);
  };
  return (
    <details className="advanced" data-testid={testId}>
      <summary>{t('advanced')}</summary>
      <div className="field">
        <label htmlFor={id}>{t('advancedId')}</label>
        <input
          id={id}
          className="mono"
          value={draft}
          readOnly={!onCommit}
          aria-invalid={problem ? true : undefined}
          data-testid={testId ? `${testId}-input` : undefined}
          autoComplete="off"
          {...ime.handlers}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (ime.blocked(e)) return;
            e.stopPropagation();
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape') setDraft(value);
          }}
        />
        {problem && (
          <div className="error" role="alert">
            {t(problem === 'empty' ? 'idEmpty' : problem === 'invalid' ? 'idInvalid' : 'idTaken')}
          </div>
        )}
      </div>
    </details>
  );
}
