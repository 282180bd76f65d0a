import { useId } from 'react';
import { useSay } from '../../names/words';

/** A choice: the value written in the YAML, and the name shown for it. */
export type NameOption = [value: string, label: string];

/**
 * A labelled list of names that writes an id: states by their titles, departments by their names, roles and actions in
 * words. A value the list does not know (a typo in the YAML) stays selected and is shown as unknown, never dropped.
 */
export function NameSelect({
  label,
  value,
  options,
  onChange,
  testId,
  none,
  title,
}: {
  label: string;
  value: string;
  options: NameOption[];
  onChange: (v: string) => void;
  testId?: string;
  /** The label of the empty choice; without it there is none. */
  none?: string;
  title?: string;
}) {
  const id = useId();
  const { t } = useSay();
  const known = options.some(([v]) => v === value) || (none !== undefined && value === '');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} title={title}>
        {none !== undefined && <option value="">{none}</option>}
        {/* Before the list has loaded (departments come from the server) the value is waiting for its name, not unknown. */}
        {!known && <option value={value}>{options.length === 0 ? t('pickLoading') : t('pickUnknown', { v: value })}</option>}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
