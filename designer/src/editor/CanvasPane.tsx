import { ReactFlowProvider } from '@xyflow/react';
import type { ComponentProps } from 'react';
import { GraphCanvas } from '../components/GraphCanvas';
import { useI18n } from '../i18n/i18n';

/** The graph pane: the canvas in its own React Flow provider. */
export function CanvasPane(props: Omit<ComponentProps<typeof GraphCanvas>, 'label'>) {
  const { t } = useI18n();
  return (
    <section className="graph-pane" aria-label={t('graph')} data-testid="graph">
      <ReactFlowProvider>
        <GraphCanvas {...props} label={t('graph')} />
      </ReactFlowProvider>
    </section>
  );
}
