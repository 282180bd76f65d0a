import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { workingTimeQuery } from '../../api/queries';
import { useSay, type WordKey } from '../../names/words';
import { useComposition } from '../../ime';
import { durationUnits, formatDuration, parseDuration, type DurationUnit } from '../../names/duration';
import { useDebounced } from '../../state/useDebounced';

/** Due-date preview of a duration on the item's calendar, from the server's calendar endpoint (a query per calendar and duration). */
export function useDue(calendar: string, duration: string): string | undefined {
  const settled = useDebounced(duration, 200);
  const wellFormed = parseDuration(settled) !== null;
  const answer = useQuery({ ...workingTimeQuery(calendar, settled), enabled: wellFormed && settled === duration });
  if (!wellFormed || settled !== duration || !answer.data) return undefined;
  const d = new Date(answer.data.due ?? '');
  return Number.isNaN(d.getTime()) ? undefined : d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
}

/**
 * A duration entered as a number and a unit chosen in words (3 + 工作日 → `3wd`), committed when the number is left or
 * the unit chosen; the due-date preview says when it would end if started now. An empty number removes an optional
 * duration; a value that is not a duration is shown so the author can choose again.
 */
export function DurationPicker({
  label,
  value,
  calendar,
  onCommit,
  testId,
  compact,
}: {
  label: string;
  value: string;
  calendar: string;
  onCommit: (v: string | undefined) => void;
  testId?: string;
  /** Without the label and preview (a row of the timers list); the label names the controls. */
  compact?: boolean;
}) {
  const { t } = useSay();
  const id = useId();
  const ime = useComposition();
  const parsed = parseDuration(value);
  const [amount, setAmount] = useState(parsed?.amount ?? '');
  const [unit, setUnit] = useState<DurationUnit>(parsed?.unit ?? 'wd');
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    const p = parseDuration(value);
    setAmount(p?.amount ?? '');
    if (p) setUnit(p.unit);
    setInvalid(false);
  }, [value]);
  const due = useDue(calendar, value);
  const commit = (a: string, u: DurationUnit) => {
    if (a.trim() === '') {
      setInvalid(false);
      if (value) onCommit(undefined);
      return;
    }
    const next = formatDuration(a, u);
    setInvalid(next === null);
    if (next !== null && next !== value) onCommit(next);
  };
  return (
    <div className={compact ? 'duration compact' : 'field duration'} data-testid={testId}>
      {!compact && <label htmlFor={id}>{label}</label>}
      <div className="duration-inputs">
        <input
          id={id}
          inputMode="decimal"
          size={5}
          aria-label={t('durationAmount', { label })}
          aria-invalid={invalid || undefined}
          value={amount}
          data-testid={testId ? `${testId}-amount` : undefined}
          {...ime.handlers}
          onChange={(e) => setAmount(e.target.value)}
          onBlur={() => commit(amount, unit)}
          onKeyDown={(e) => {
            if (ime.blocked(e)) return;
            e.stopPropagation();
            if (e.key === 'Enter') {
              e.preventDefault();
              commit(amount, unit);
            } else if (e.key === 'Escape') setAmount(parsed?.amount ?? '');
          }}
        />
        <select
          aria-label={t('durationUnit', { label })}
          value={unit}
          data-testid={testId ? `${testId}-unit` : undefined}
          onChange={(e) => {
            const u = e.target.value as DurationUnit;
            setUnit(u);
            if (amount.trim() !== '') commit(amount, u);
          }}
        >
          {durationUnits.map((u) => (
            <option key={u} value={u}>
              {t(`unit_${u}` as WordKey)}
            </option>
          ))}
        </select>
      </div>
      {invalid && <div className="error" role="alert">{t('durationInvalid')}</div>}
      {!invalid && value && !parsed && <div className="error">{t('durationUnwritten', { v: value })}</div>}
      {!compact && due && <div className="preview" data-testid={testId ? `${testId}-preview` : undefined}>{t('duePreview', { due })}</div>}
    </div>
  );
}
