import { useEffect, useState } from 'react';
import { api, ApiError, errorText } from '../api/client';
import type { ProgressInfo } from '../api/types';
import { when } from '../console/describe';
import { CommentLimit } from '../console/limits';
import { labelOf, useI18n } from '../i18n/i18n';

/** 办件进度: the applicant's page, no login — receipt number and verification code (from the receipt's QR code). */
export function Progress() {
  const { t, lang } = useI18n();
  const params = new URLSearchParams(window.location.search);
  const [receipt, setReceipt] = useState(params.get('receipt') ?? '');
  const [code, setCode] = useState(params.get('code') ?? '');
  const [info, setInfo] = useState<ProgressInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [level, setLevel] = useState<number | null>(null);
  const [comment, setComment] = useState('');

  async function look(r = receipt, c = code) {
    setError(null);
    try {
      setInfo(await api.progress(r.trim(), c.trim()));
    } catch (e) {
      setInfo(null);
      setError(progressError(e));
    }
  }

  /** Not found and too many wrong codes in the applicant's words; anything else as the server said it. */
  function progressError(e: unknown): string {
    if (e instanceof ApiError && e.status === 404) return t('progressNotFound');
    if (e instanceof ApiError && e.status === 429) return t('progressTooMany');
    return errorText(e, lang);
  }

  useEffect(() => {
    if (params.get('receipt') && params.get('code')) void look(params.get('receipt')!, params.get('code')!);
    // Only the link the applicant arrived with is looked up by itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function rate() {
    if (!level) return;
    try {
      setInfo(await api.rate(receipt.trim(), code.trim(), level, comment));
    } catch (e) {
      setError(progressError(e));
    }
  }

  return (
    <section className="progress-page" data-testid="progress-page">
      <h1>{t('progressTitle')}</h1>
      <form
        className="lookup"
        onSubmit={(e) => {
          e.preventDefault();
          void look();
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
          {info.owed.length > 0 && (
            <div className="owed" data-testid="progress-owed">
              <h3>{t('stillOwed')}</h3>
              {info.owed.map((o) => (
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
                void rate();
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
              <textarea data-testid="rating-comment" maxLength={CommentLimit} placeholder={t('comment')} value={comment} onChange={(e) => setComment(e.target.value)} rows={3} />
              <button type="submit" className="primary" disabled={!level} data-testid="submit-rating">
                {t('submitRating')}
              </button>
            </form>
          )}
        </div>
      )}
    </section>
  );
}
