import type { ReactNode } from 'react';

/** A row of tabs (role tablist): one button a view, the current one marked; what a tab says is `children(view)`. */
export function Tabs<V extends string>({
  label,
  views,
  current,
  onSelect,
  testId,
  children,
}: {
  label: string;
  views: readonly V[];
  current: V;
  onSelect: (view: V) => void;
  testId: (view: V) => string;
  children: (view: V) => ReactNode;
}) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {views.map((v) => (
        <button key={v} type="button" role="tab" aria-selected={current === v} className={current === v ? 'tab current' : 'tab'} data-testid={testId(v)} onClick={() => onSelect(v)}>
          {children(v)}
        </button>
      ))}
    </div>
  );
}
