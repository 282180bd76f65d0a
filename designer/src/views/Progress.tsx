import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, errorText } from '../api/client';
import { invalidate, keys, progressQuery } from '../api/queries';
import { when } from '../console/describe';
import { CommentLimit } from '../console/limits';
import { labelOf, useI18n } from '../i18n/i18n';

/**
 * What the applicant must still hand in: a tolerated material (补交) or an item's own obligation naming materials —
 * never the government's own work (事后核查, 差评整改), which the server leaves out as well.
 */
export function applicantOwes<O extends { kind: string; materials: string[] }>(owed: O[]): O[] {
  return owed.filter((o) => o.kind === 'supplement' || (o.kind === 'custom' && o.materials.length > 0));
}

/** 办件进度: the applicant's page, no login — receipt number and verification code (from the receipt's QR code). */
export function Progress() {
  const { t, lang } = useI18n();
  const [params] = useState(() => new URLSearchParams(window.location.search));
  const [receipt, setReceipt] = useState(params.get('receipt') ?? '');
  const [code, setCode] = useState(params.get('code') ?? '');
  // What was looked up: the link the applicant arrived with, then whatever they submit. The answer is a cached query,
  // refreshed when the phone comes back to the page.
  const [asked, setAsked] = useState<{ receipt: string; code: string } | null>(() =>
    params.get('receipt') && params.get('code') ? { receipt: params.get('receipt')!.trim(), code: params.get('code')!.trim() } : null,
  );
  const lookup = useQuery({ ...progressQuery(asked?.receipt ?? '', asked?.code ?? ''), enabled: asked !== null });
  const info = asked && !lookup.isError ? (lookup.data ?? null) : null;
  const [level, setLevel] = useState<number | null>(null);
  const [category, setCategory] = useState('');
  const [comment, setComment] = useState('');
  const queryClient = useQueryClient();
  const rating = useMutation({
    mutationFn: (v: { receipt: string; code: string; level: number; comment: string; category?: string }) =>
      api.rate(v.receipt, v.code, v.level, v.comment, v.category),
    onSuccess: (answer, v) => {
      queryClient.setQueryData(keys.progress(v.receipt, v.code), answer);
      return invalidate(queryClient, { kind: 'rated' });
    },
  });
  const failed = (asked && lookup.error) || rating.error;
  const error = failed ? progressError(failed) : null;

  function look() {
    const next = { receipt: receipt.trim(), code: code.trim() };
    rating.reset();
    if (asked && next.receipt === asked.receipt && next.code === asked.code) void lookup.refetch();
    else setAsked(next);
  }

  /** Not found and too many wrong codes in the applicant's words; anything else as the server said it. */
  function progressError(e: unknown): string {
    if (e instanceof ApiError && e.status === 404) return t('progressNotFound');
    if (e instanceof ApiError && e.status === 429) return t('progressTooMany');
    return errorText(e, lang);
  }

  function rate() {
    if (!level || !asked) return;
    rating.mutate({ receipt: asked.receipt, code: asked.code, level, comment, category: level <= 2 && category ? category : undefined });
  }

  return (
    <section className="progress-page" data-testid="progress-page">
      <h1>{t('progressTitle')}</h1>
      <form
        className="lookup"
        onSubmit={(e) => {
          e.preventDefault();
          look();
        }}
      >
        <label>
          {t('receiptNumber')}
          <input data-testid="progress-receipt" value={receipt} onChange={(e) => setReceipt(e.target.value)} autoComplete="off" />
        </label>
        <label>
          {t('verificationCode')}
          <input data-testid="progress-code" value={code} inputMode="numeric" onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="primary">
          {t('progressLookup')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {info && (
        <div className="progress-card" data-testid="progress-card">
          <h2>{info.itemName}</h2>
          <p>
            {t('applicant')}{t('colon')}<span data-testid="progress-applicant">{info.applicant}</span>
          </p>
          <p>
            {t('receiptNumber')}{t('colon')}<span className="mono">{info.receipt}</span>
          </p>
          {info.promisedBy && (
            <p data-testid="progress-promised">
              {t('promisedBy')}{t('colon')}
              {t('beforeTime', { d: when(info.promisedBy) })}
            </p>
          )}
          {info.overduePromised && (
            <p className="error" data-testid="progress-promised">
              {t('promisedPassed')}
            </p>
          )}
          {info.outcome ? (
            <p className="banner" data-testid="progress-outcome">
              {t('outcome')}{t('colon')}{labelOf(t, 'outcome', info.outcome)}
            </p>
          ) : (
            <div data-testid="progress-where">
              <h3>{t('whereNow')}</h3>
              <ul>
                {info.where.map((r) => (
                  <li key={r.region}>
                    {r.title}
                    {r.department && ` · ${r.department}`}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {info.notice && (
            <div className="owed" data-testid="progress-notice">
              <h3>{t('noticeTitle')}</h3>
              <ol>
                {info.notice.materials.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ol>
              <p>
                {info.notice.due ? t('noticeBy', { d: when(info.notice.due) }) : t('noticeOnce')}
                {info.notice.due && info.notice.then && t('noticeThen', { s: info.notice.then })}
              </p>
            </div>
          )}
          {applicantOwes(info.owed).length > 0 && (
            <div className="owed" data-testid="progress-owed">
              <h3>{t('stillOwed')}</h3>
              {applicantOwes(info.owed).map((o) => (
                <p key={o.id}>{t('owedBy', { d: when(o.due), m: info.owedMaterials.join('、') || o.materials.join('、') })}</p>
              ))}
            </div>
          )}
          <h3>{t('timeline')}</h3>
          <ol className="timeline" data-testid="progress-timeline">
            {info.timeline.map((s, i) => (
              <li key={i}>
                <span className="mono">{when(s.at)}</span> {s.what}
              </li>
            ))}
          </ol>
          {info.rating && (
            <p className="banner" data-testid="progress-rated">
              {t('ratedThanks', { l: t(`rate_${info.rating.level}` as 'rate_1') })}
            </p>
          )}
          {info.canRate && (
            <form
              className="rating"
              data-testid="rating-form"
              onSubmit={(e) => {
                e.preventDefault();
                rate();
              }}
            >
              <h3>{t('rateTitle')}</h3>
              <div className="levels" role="radiogroup">
                {[5, 4, 3, 2, 1].map((l) => (
                  <label key={l} className={level === l ? 'picked' : undefined}>
                    <input type="radio" name="level" value={l} checked={level === l} onChange={() => setLevel(l)} data-level={l} />
                    {t(`rate_${l}` as 'rate_1')}
                  </label>
                ))}
              </div>
              {level !== null && level <= 2 && (info.ratingCategories ?? []).length > 0 && (
                <label>
                  {t('ratingCategory')}
                  <select data-testid="rating-category" value={category} onChange={(e) => setCategory(e.target.value)} required>
                    <option value="">{t('ratingCategoryPick')}</option>
                    {(info.ratingCategories ?? []).map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <textarea data-testid="rating-comment" maxLength={CommentLimit} placeholder={t('comment')} value={comment} onChange={(e) => setComment(e.target.value)} rows={3} />
              <button type="submit" className="primary" disabled={!level || (level <= 2 && (info.ratingCategories ?? []).length > 0 && !category)} data-testid="submit-rating">
                {t('submitRating')}
              </button>
            </form>
          )}
        </div>
      )}
    </section>
  );
}
