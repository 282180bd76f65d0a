import { useState } from 'react';
import { api, errorText } from '../api/client';
import type { CaseInfo, ItemModel } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { newIdempotencyKey } from './events';

type Trust = 'signed' | 'library' | 'presented';

/** 电子证照 at the window: the e-certificates the case holds, and a form to enter one for a material (POST /api/cases/{id}/certificates). */
export function CertificateEntry({ caseInfo, model, onDone }: { caseInfo: CaseInfo; model: ItemModel | null; onDone: (c: CaseInfo) => void }) {
  const { t, lang } = useI18n();
  const materials = model?.materials ?? [];
  const [material, setMaterial] = useState(materials[0]?.id ?? '');
  const [type, setType] = useState('');
  const [name, setName] = useState('');
  const [identifier, setIdentifier] = useState('');
  const [issuer, setIssuer] = useState('');
  const [trust, setTrust] = useState<Trust>('library');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const held = caseInfo.materials.certificates ?? [];
  const canEnter = caseInfo.permitted.some((p) => p.event === 'certificate');
  if (!canEnter && held.length === 0) return null;
  const materialName = (id: string) => materials.find((m) => m.id === id)?.name ?? id;

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const body = { material, type: type.trim(), name: name.trim() || undefined, identifier: identifier.trim(), issuer: issuer.trim(), trust };
      const r = await api.enterCertificate(caseInfo.caseId, body, newIdempotencyKey('certificate'));
      setIdentifier('');
      onDone(r.case);
    } catch (e) {
      setError(errorText(e, lang, t('unauthorized')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="certificates" data-testid="certificates">
      <legend>{t('certificates')}</legend>
      {held.length > 0 && (
        <table className="grid" data-testid="certificate-list">
          <thead>
            <tr>
              <th>{t('certMaterial')}</th>
              <th>{t('certName')}</th>
              <th>{t('certIdentifier')}</th>
              <th>{t('certIssuer')}</th>
              <th>{t('certTrust')}</th>
            </tr>
          </thead>
          <tbody>
            {held.map((c) => (
              <tr key={c.identifier + c.material} data-certificate={c.identifier}>
                <td>{materialName(c.material)}</td>
                <td>{c.name ?? c.type}</td>
                <td className="mono">{c.identifier}</td>
                <td>{c.issuer}</td>
                <td>{t(`trust_${c.trust}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEnter && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="field">
            {t('certMaterial')}
            <select data-testid="cert-material" value={material} onChange={(e) => setMaterial(e.target.value)}>
              {materials.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('certType')}
            <input data-testid="cert-type" value={type} maxLength={21} onChange={(e) => setType(e.target.value)} />
          </label>
          <label className="field">
            {t('certName')}
            <input data-testid="cert-name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            {t('certIdentifier')}
            <input data-testid="cert-identifier" value={identifier} onChange={(e) => setIdentifier(e.target.value)} />
          </label>
          <label className="field">
            {t('certIssuer')}
            <input data-testid="cert-issuer" value={issuer} onChange={(e) => setIssuer(e.target.value)} />
          </label>
          <label className="field">
            {t('certTrust')}
            <select data-testid="cert-trust" value={trust} onChange={(e) => setTrust(e.target.value as Trust)}>
              {(['signed', 'library', 'presented'] as const).map((x) => (
                <option key={x} value={x}>
                  {t(`trust_${x}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" data-testid="cert-submit" disabled={busy || !material || !type.trim() || !identifier.trim() || !issuer.trim()}>
            {t('certEnter')}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert" data-testid="cert-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
