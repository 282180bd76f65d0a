import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, errorText } from '../api/client';
import { departmentName, useDirectory } from '../api/directory';
import { definitionsQuery, invalidate } from '../api/queries';
import { useI18n } from '../i18n/i18n';
import { Link, useNavigate } from 'react-router';
import { useComposition } from '../ime';
import { matches } from '../search/catalogSearch';

export function Catalog() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const listed = useQuery(definitionsQuery());
  const items = listed.data ?? null;
  const [createError, setError] = useState<string | null>(null);
  const error = createError ?? (listed.error ? errorText(listed.error, lang, t('unauthorized')) : null);
  const queryClient = useQueryClient();
  const creating = useMutation({
    mutationFn: (v: { code: string; name: string; template: string }) => api.createDefinition(v.code, v.name, v.template),
    onSuccess: () => invalidate(queryClient, { kind: 'definitionCreated' }),
  });
  const [query, setQuery] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [template, setTemplate] = useState('basic');
  const ime = useComposition();

  const [lead, setLead] = useState('');
  const directory = useDirectory();
  const leads = useMemo(() => [...new Set((items ?? []).map((d) => d.lead).filter((l): l is string => !!l))].sort(), [items]);
  const shown = useMemo(
    () => (items ?? []).filter((d) => (!lead || d.lead === lead) && matches(d, query, departmentName(directory, d.lead))),
    [items, query, lead, directory],
  );

  const create = async () => {
    try {
      const doc = await creating.mutateAsync({ code: code.trim(), name: name.trim(), template });
      navigate(`/designer/${encodeURIComponent(doc.code ?? code.trim())}`);
    } catch (e) {
      setError(errorText(e, lang));
    }
  };

  return (
    <section className="catalog">
      <h1>{t('catalog')}</h1>
      <input
        className="search"
        type="search"
        aria-label={t('search')}
        placeholder={t('search')}
        data-testid="catalog-search"
        value={query}
        {...ime.handlers}
        onChange={(e) => setQuery(e.target.value)}
      />
      <select aria-label={t('colLead')} data-testid="catalog-lead" value={lead} onChange={(e) => setLead(e.target.value)}>
        <option value="">{t('allLeads')}</option>
        {leads.map((l) => (
          <option key={l} value={l}>
            {departmentName(directory, l)}
          </option>
        ))}
      </select>
      {error && <p role="alert" className="error">{error}</p>}
      {listed.isPending && !error && <p>{t('loading')}</p>}
      {items && (
        <table className="grid" data-testid="catalog">
          <thead>
            <tr>
              <th>{t('colName')}</th>
              <th>{t('colCode')}</th>
              <th>{t('colLead')}</th>
              <th>{t('colVersion')}</th>
              <th>{t('colStatus')}</th>
              <th>{t('colValidation')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.code}>
                <td>
                  <Link to={`/designer/${encodeURIComponent(d.code)}`}>{d.name}</Link>
                </td>
                <td className="mono">{d.code}</td>
                <td data-testid="catalog-lead-name">
                  {departmentName(directory, d.lead) || '—'}
                  {d.kind === 'instant' && <span className="tag">{t('instantItem')}</span>}
                </td>
                <td>{d.latestVersion ?? '—'}</td>
                <td>
                  {d.latestVersion ? <span className="tag ok">{t('published')}</span> : <span className="tag">{t('unpublished')}</span>}{' '}
                  {d.hasDraft && <span className="tag warn">{t('draft')}</span>}
                </td>
                <td>{d.valid && d.errors === 0 ? <span className="tag ok">{t('valid')}</span> : <span className="tag bad">{t('errorsWarnings', { e: d.errors, w: d.warnings })}</span>}</td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={6}>{t('noResults')}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <form
        className="create"
        aria-label={t('createTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h2>{t('createTitle')}</h2>
        <label>
          {t('createCode')} <input required value={code} onChange={(e) => setCode(e.target.value)} data-testid="create-code" pattern="[A-Za-z0-9-]+" />
        </label>
        <label>
          {t('createName')}{' '}
          <input
            required
            value={name}
            data-testid="create-name"
            {...ime.handlers}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && ime.blocked(e)) e.preventDefault();
            }}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          {t('createTemplate')}{' '}
          <select value={template} onChange={(e) => setTemplate(e.target.value)}>
            <option value="basic">{t('templateBasic')}</option>
            <option value="parallel">{t('templateParallel')}</option>
          </select>
        </label>
        <button type="submit">{t('create')}</button>
      </form>
    </section>
  );
}
