import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, errorText } from '../api/client';
import type { DocumentKind } from '../api/types';
import { keys } from '../api/queries';
import { progressLink, qrSvg, withQrBlock } from '../console/printLayout';
import { useI18n } from '../i18n/i18n';

/**
 * A printable document as the server renders it (受理回执, 一次性告知书, 容缺受理通知书, 办理结果通知书), with the QR code
 * of the applicant's progress page added; shown in a frame and printed from it.
 */
export function PrintPreview({ caseId, receipt, code, kind, onClose }: { caseId: string; receipt: string; code: string | null; kind: DocumentKind; onClose: () => void }) {
  const { t, lang } = useI18n();
  const frame = useRef<HTMLIFrameElement>(null);
  const link = code ? progressLink(window.location.origin, receipt, code) : null;
  const label = t('scanForProgress');
  // The server's document, with the QR code of the progress page added; cached per case, kind and link.
  const printed = useQuery({
    queryKey: [...keys.document(caseId, kind), link, label],
    queryFn: async ({ signal }) => {
      const doc = await api.withSignal(signal).document(caseId, kind);
      return link ? withQrBlock(doc, await qrSvg(link), link, label) : doc;
    },
    refetchOnWindowFocus: false,
  });
  const html = printed.data ?? null;
  const error = printed.error ? errorText(printed.error, lang) : null;
  return (
    <section className="print-preview" data-testid={`doc-${kind}`}>
      <div className="row">
        <strong>{t(`doc_${kind}`)}</strong>
        <button type="button" className="primary" disabled={!html} onClick={() => frame.current?.contentWindow?.print()}>
          {t('print')}
        </button>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {html && <iframe ref={frame} title={t(`doc_${kind}`)} srcDoc={html} data-testid="document-frame" />}
    </section>
  );
}
