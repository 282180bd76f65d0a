import type { ComponentProps } from 'react';
import { YamlEditor } from '../components/YamlEditor';
import { useI18n } from '../i18n/i18n';

/** The YAML pane: the text of the definition with its marks and completion. */
export function YamlPane(props: Omit<ComponentProps<typeof YamlEditor>, 'label'>) {
  const { t } = useI18n();
  return (
    <section className="yaml-pane" aria-label={t('yaml')}>
      <YamlEditor {...props} label={t('yaml')} />
    </section>
  );
}
