import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

export type EditorTab = 'problems' | 'simulation' | 'versions';
const tabs: EditorTab[] = ['problems', 'simulation', 'versions'];

/** The bottom tab strip (problems with their count, simulation, versions) around the chosen tab's panel. */
export function EditorTabs({ tab, onTab, problemCount, children }: { tab: EditorTab; onTab: (t: EditorTab) => void; problemCount: number; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="editor-bottom">
      <div role="tablist" aria-label={t('problems')}>
        {tabs.map((k) => (
          <button key={k} role="tab" aria-selected={tab === k} onClick={() => onTab(k)} data-testid={`tab-${k}`}>
            {t(k)}
            {k === 'problems' && problemCount > 0 ? ` (${problemCount})` : ''}
          </button>
        ))}
        <span className="hint">{t('shortcuts')}</span>
      </div>
      <div role="tabpanel" className="tabpanel">
        {children}
      </div>
    </div>
  );
}
