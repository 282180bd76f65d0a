import { useState, type ReactNode } from 'react';
import { api, errorText } from '../api/client';
import type { CaseSearchResult } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useComposition } from '../ime';

/**
 * 查找办件: one box for a receipt number, the applicant's name or the full ID number (matched on the server by its
 * keyed hash; results show it masked). A receipt opens its case at once; otherwise the cases found are listed to open.
 */
export function WindowCaseSearch({ onOpen, children }: { onOpen: (caseId: string) => Promise<void>; children?: ReactNode }) {
  const { t, lang } = useI18n();
  const ime = useComposition();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<CaseSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function search() {
    const q = query.trim();
    if (!q) return;
    setError(null);
    setBusy(true);
    try {
      const found = await api.searchCases(q);
      if (found.matchedBy === 'receipt' && found.cases.length === 1) {
        setResult(null);
        await onOpen(found.cases[0].caseId);
      } else {
        setResult(found);
      }
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="window-search">
      <form
        className="row open-case"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label htmlFor="open-receipt">{t('caseSearch')}</label>
        <input
          id="open-receipt"
          data-testid="open-receipt"
          value={query}
          maxLength={64}
          placeholder={t('caseSearchPlaceholder')}
          title={t('caseSearchHint')}
          onChange={(e) => setQuery(e.target.value)}
          {...ime.handlers}
        />
        <button type="submit" data-testid="case-search" disabled={busy}>
          {t('open')}
        </button>
        {children}
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="case-search-results" aria-live="polite">
          {result.cases.length === 0 ? (
            <p className="hint">{t('caseSearchNone')}</p>
          ) : (
            <>
              <p className="hint">{t('caseSearchFound', { count: result.cases.length, by: t(`caseSearchBy_${result.matchedBy}`) })}</p>
              <table className="grid">
                <thead>
                  <tr>
                    <th scope="col">{t('receiptNumber')}</th>
                    <th scope="col">{t('caseSearchApplicant')}</th>
                    <th scope="col">{t('caseSearchIdNumber')}</th>
                    <th scope="col">{t('caseSearchItem')}</th>
                    <th scope="col">{t('caseSearchState')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.cases.map((c) => (
                    <tr key={c.caseId} data-case={c.caseId}>
                      <td>
                        <button
                          type="button"
                          className="link mono"
                          onClick={() => {
                            setResult(null);
                            void onOpen(c.caseId);
                          }}
                        >
                          {c.receipt}
                        </button>
                      </td>
                      <td>{c.applicantName}</td>
                      <td className="mono" data-testid="hit-id">
                        {c.idNumber ?? ''}
                      </td>
                      <td>{c.itemName}</td>
                      <td>{c.status === 'finished' ? t('finishedCase') : t('running')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </div>
  );
}
