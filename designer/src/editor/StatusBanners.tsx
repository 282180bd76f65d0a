import { useI18n } from '../i18n/i18n';

export interface StatusBannersProps {
  conflict: string | number | null;
  status: { text: string; error?: boolean } | null;
  /** The first local parse error, when the YAML cannot be read. */
  parseError: string | null;
  onReloadTheirs: () => void;
  onOverwrite: () => void;
}

/** Under the toolbar: a save conflict with its two ways out, the last status line, and unreadable YAML. */
export function StatusBanners({ conflict, status, parseError, onReloadTheirs, onOverwrite }: StatusBannersProps) {
  const { t } = useI18n();
  return (
    <>
      {conflict !== null && (
        <div className="banner error" role="alert" data-testid="conflict">
          {t('conflict', { r: String(conflict) })} <button onClick={onReloadTheirs}>{t('reloadTheirs')}</button> <button onClick={onOverwrite}>{t('overwrite')}</button>
        </div>
      )}
      {status && conflict === null && (
        <div className={`banner ${status.error ? 'error' : ''}`} role="status" data-testid="status">
          {status.text}
        </div>
      )}
      {parseError !== null && (
        <div className="banner error" role="alert" data-testid="yaml-invalid">
          {t('yamlInvalid')}: {parseError.split('\n')[0]}
        </div>
      )}
    </>
  );
}
