import type { Diagnostic } from '../api/types';
import { diagnosticTitles, fixOf, messageOf } from '../i18n/diagnosticTitles';
import { useDirectory } from '../api/directory';
import { locationWords } from '../names/locations';
import { useSay, wordOf } from '../names/words';

/** The problems of a definition; each one's place is said in names (状态“出证” › 事件“出证”), the file's path in its tooltip. */
export function ProblemsPanel({ diagnostics, definition, onSelect }: { diagnostics: Diagnostic[]; definition?: unknown; onSelect: (d: Diagnostic) => void }) {
  const { t, lang } = useSay();
  const directory = useDirectory();
  if (diagnostics.length === 0) return <p data-testid="no-problems">{t('noProblems')}</p>;
  return (
    <table className="grid problems" data-testid="problems">
      <thead>
        <tr>
          <th>{t('severity')}</th>
          <th>{t('code')}</th>
          <th>{t('message')}</th>
          <th>{t('location')}</th>
          <th>{t('fix')}</th>
        </tr>
      </thead>
      <tbody>
        {diagnostics.map((d, i) => (
          <tr
            key={i}
            tabIndex={0}
            className={`sev-${d.severity}`}
            data-testid="problem-row"
            onClick={() => onSelect(d)}
            onKeyDown={(e) => {
              if (e.nativeEvent.isComposing) return;
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(d);
              }
            }}
          >
            <td>
              {d.severity === 'error' ? '✖' : d.severity === 'warning' ? '⚠' : 'ℹ'} {wordOf(t, 'sev', d.severity)}
            </td>
            <td className="mono">{d.code}</td>
            <td>
              {/* In Chinese, what is wrong in a few words first; the validator's located message stays beneath. */}
              {lang === 'zh' && diagnosticTitles[d.code] ? (
                <>
                  <strong data-testid="problem-title">{diagnosticTitles[d.code]}</strong>
                  <div className="problem-detail" data-testid="problem-message">
                    {messageOf(d, lang)}
                  </div>
                </>
              ) : (
                <span data-testid="problem-message">{messageOf(d, lang)}</span>
              )}
            </td>
            <td data-testid="problem-location" title={d.path ? t('locPathTitle', { path: d.path }) : undefined}>
              {locationWords(d.path, definition, { t, departments: directory.departments }) || (d.line ? t('loc_line', { line: d.line }) : '')}
            </td>
            <td data-testid="problem-fix">{fixOf(d, lang) ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
