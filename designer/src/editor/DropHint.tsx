import type { GraphDto } from '../api/types';
import { useSay } from '../names/words';
import { regionLabel } from './structureMove';

/** A state dropped over another region (the main flow, or a branch lane) than its own. */
export interface Dropped {
  id: string;
  region: string;
  regionPosition: { x: number; y: number };
}

/**
 * After a state is dropped over another region: says that only its position changed, and offers the explicit move
 * (which asks, saying what will change) for an author who meant to move it there.
 */
export function DropHint({ graph, dropped, onMove, onDismiss }: { graph: GraphDto; dropped: Dropped; onMove: () => void; onDismiss: () => void }) {
  const { t } = useSay();
  const node = graph.nodes.find((n) => n.id === dropped.id);
  if (!node) return null;
  return (
    <div className="banner drop-hint" role="status" data-testid="drop-hint">
      {t('dropHint', { state: node.label || node.name })}{' '}
      <button type="button" onClick={onMove} data-testid="drop-hint-move">
        {t('dropHintMove', { to: regionLabel(graph, dropped.region, t('mainFlow')) })}
      </button>{' '}
      <button type="button" onClick={onDismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}
