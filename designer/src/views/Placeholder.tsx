import { useI18n } from '../i18n/i18n';

export function Placeholder({ title }: { title: string }) {
  const { t } = useI18n();
  return (
    <section className="placeholder">
      <h1>{title}</h1>
      <p>{t('comingSoon')}</p>
    </section>
  );
}
