import type { ComponentProps } from 'react';
import { Inspector } from '../components/Inspector';
import { useI18n } from '../i18n/i18n';

/** The inspector pane: the form of the selected state or transition. */
export function InspectorPane(props: ComponentProps<typeof Inspector>) {
  const { t } = useI18n();
  return (
    <aside className="inspector-pane" aria-label={t('inspector')}>
      <Inspector {...props} />
    </aside>
  );
}
