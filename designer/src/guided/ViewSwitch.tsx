import { useState } from 'react';
import { useSay } from '../names/words';
import './viewSwitch.css';

export type DesignView = 'graph' | 'guided';
const storageKey = 'hongqi.designView';

/** The design view chosen last (the diagram unless the guided mode was), remembered in this browser. */
export function useDesignView(): [DesignView, (v: DesignView) => void] {
  const [view, setView] = useState<DesignView>(() => (localStorage.getItem(storageKey) === 'guided' ? 'guided' : 'graph'));
  return [
    view,
    (v) => {
      localStorage.setItem(storageKey, v);
      setView(v);
    },
  ];
}

/** The switch between the diagram (with its inspector) and the guided mode's cards; the YAML stays beside either. */
export function ViewSwitch({ view, onView }: { view: DesignView; onView: (v: DesignView) => void }) {
  const { t } = useSay();
  return (
    <div className="view-switch" role="tablist" aria-label={t('viewSwitch')}>
      {(['graph', 'guided'] as const).map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={view === v}
          tabIndex={view === v ? 0 : -1}
          onClick={() => onView(v)}
          onKeyDown={(e) => {
            // A tab list is one tab stop: the arrows choose the other view (WAI-ARIA tabs pattern).
            if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
            e.preventDefault();
            const other = v === 'graph' ? 'guided' : 'graph';
            onView(other);
            (e.currentTarget.parentElement?.querySelector(`[data-testid=view-${other}]`) as HTMLElement | null)?.focus();
          }}
          data-testid={`view-${v}`}
        >
          {t(v === 'graph' ? 'viewGraph' : 'viewGuided')}
        </button>
      ))}
    </div>
  );
}
