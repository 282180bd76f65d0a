import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { memo } from 'react';
import type { StateNodeData } from '../graph/mapGraph';
import { useI18n } from '../i18n/i18n';

type N = Node<StateNodeData>;

function classes(d: StateNodeData, extra: string): string {
  return [
    extra,
    d.problems.some((p) => p.severity === 'error') ? 'has-error' : d.problems.length ? 'has-warning' : '',
    d.active ? 'active' : '',
    d.diff ? `diff-${d.diff}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function Badges({ d }: { d: StateNodeData }) {
  const { t } = useI18n();
  if (d.badges.length === 0) return null;
  return (
    <div className="badges">
      {d.badges.map((b, i) => (
        <span key={i} className={`badge badge-${b.kind}`} title={b.raw} data-testid="badge">
          {/* Words, not symbols: ⏱ ⌛ ⏸ are missing from the fonts of many office machines. */}
          {b.kind === 'timer' ? `${t('badgeTimer')} ` : b.kind === 'limit' ? `${t('badgeLimit')} ` : ''}
          {b.text}
        </span>
      ))}
    </div>
  );
}

function Marker({ d }: { d: StateNodeData }) {
  if (d.problems.length === 0) return null;
  const err = d.problems.some((p) => p.severity === 'error');
  return (
    <span className={`marker ${err ? 'error' : 'warning'}`} role="img" aria-label={d.problems.map((p) => `${p.code} ${p.message}`).join('; ')} title={d.problems.map((p) => `${p.code}: ${p.message}`).join('\n')} data-testid="node-marker">
      {err ? '✖' : '⚠'} {d.problems.length}
    </span>
  );
}

/** React Flow's wrapper carries the node id (`data-id`); memoized so that panning a 300-state graph re-renders nothing but what moved. */
export const StateNode = memo(function StateNode({ data: d }: NodeProps<N>) {
  return (
    <div className={classes(d, `state-node ${d.kind === 'Final' ? 'final' : ''} ${d.initial ? 'initial' : ''}`)} data-testid="state-node">
      <Handle type="target" position={Position.Left} />
      {/* The title only: a state's id is shown in the inspector's 高级 place, never on the graph. */}
      <div className="title">{d.label}</div>
      <Badges d={d} />
      <Marker d={d} />
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

export const ParallelNode = memo(function ParallelNode({ data: d }: NodeProps<N>) {
  return (
    <div className={classes(d, 'parallel-node')} data-testid="parallel-node">
      <Handle type="target" position={Position.Left} />
      <div className="group-header">
        <span className="title">∥ {d.label}</span>
        <span className="join" data-testid="join-policy">{d.joinText}</span>
        <Marker d={d} />
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

export const LaneNode = memo(function LaneNode({ data: d }: NodeProps<N>) {
  return (
    <div className={classes(d, 'lane-node')} data-testid="lane">
      <div className="lane-header">
        <span className="title">{d.label}</span>
        <Badges d={d} />
        <Marker d={d} />
      </div>
    </div>
  );
});

export const nodeTypes = { state: StateNode, parallel: ParallelNode, lane: LaneNode };
