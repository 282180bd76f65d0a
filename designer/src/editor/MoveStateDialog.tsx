import { useId, useState } from 'react';
import type { GraphDto } from '../api/types';
import { useSay } from '../names/words';
import { ConfirmDialog } from './ConfirmDialog';
import { moveTargets, planMove } from './structureMove';

/**
 * The explicit command that changes where a state lives: the author chooses the main flow or a branch, and the dialog says
 * exactly what will change before anything does (into which branch, which branches share its fragment and so get the state
 * too, which transitions would cross regions). Confirming is one undoable edit.
 */
export function MoveStateDialog({
  graph,
  definition,
  nodeId,
  initialTarget,
  onMove,
  onClose,
}: {
  graph: GraphDto;
  definition: unknown;
  nodeId: string;
  initialTarget?: string;
  onMove: (target: string) => void;
  onClose: () => void;
}) {
  const { t } = useSay();
  const id = useId();
  const targets = moveTargets(graph, nodeId, t('mainFlow'));
  const [target, setTarget] = useState(initialTarget !== undefined && targets.some((r) => r.id === initialTarget) ? initialTarget : (targets[0]?.id ?? ''));
  const plan = planMove(graph, definition, nodeId, target, t('mainFlow'));
  if (!plan) return null;
  const state = plan.node.label || plan.node.name;
  const lines = [t('moveFromTo', { state, from: plan.from.label, to: plan.to.label })];
  if (plan.fragment) {
    lines.push(t('moveShared', { lane: plan.to.label, fragment: plan.fragment, n: plan.sharedLanes.length, lanes: plan.sharedLanes.map((l) => l.label).join('、') }));
  } else {
    lines.push(t('moveOnlyHere', { to: plan.to.label }));
  }
  lines.push(plan.broken.length > 0 ? t('moveBroken', { n: plan.broken.length, list: plan.broken.map((e) => t('edgeText', { ...e })).join('；') }) : t('moveNoBroken'));
  lines.push(t('undoHint'));
  return (
    <ConfirmDialog
      request={{
        title: t('moveTitle', { state }),
        lines,
        okLabel: t('moveOk'),
        cancelLabel: t('cancel'),
        refusal: targets.length === 0 ? null : plan.clash ? t('moveClash', { to: plan.to.label, name: plan.node.name }) : null,
        onOk: () => onMove(target),
        children: (
          <div className="field">
            <label htmlFor={id}>{t('moveTarget')}</label>
            <select id={id} value={target} onChange={(e) => setTarget(e.target.value)} data-testid="move-target">
              {targets.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
        ),
      }}
      onClose={onClose}
    />
  );
}
