import type { GraphDto, GraphEdgeDto, GraphNodeDto } from '../api/types';

/** The graph the server sends for definitions/enterprise-establishment.yaml (DefinitionGraph.From), for tests. */
const n = (id: string, label: string, kind: GraphNodeDto['kind'], parent: string | null = null, initial = false, detail: string | null = null): GraphNodeDto => ({
  id,
  name: id.split('/').pop()!,
  label,
  kind,
  parent,
  initial,
  detail,
});
// The server labels the edges without an event as DefinitionGraph does: `after 30d`, `join all`, `refused`.
const serverLabel: Record<string, string> = { timer: 'after 30d', join: 'join all', refusal: 'refused' };
const e = (from: string, to: string, event: string | null, roles: string[], kind = 'transition', guard: string | null = null): GraphEdgeDto => ({
  from,
  to,
  label: event ?? serverLabel[kind] ?? kind,
  event,
  roles,
  guard,
  kind,
});

const branches: [string, string][] = [
  ['market', '营业执照'],
  ['tax', '发票与税控'],
  ['social', '社保登记'],
];

export const referenceGraph: GraphDto = {
  nodes: [
    n('received', '收件', 'State', null, true, 'clock not-started'),
    n('correcting', '补正材料（受理前）', 'State', null, false, 'clock not-started'),
    n('approval', '并联审批', 'Parallel', null, false, 'join all; on refusal rejected'),
    ...branches.flatMap(([b, title]) => [
      n(`approval/${b}`, title, 'Branch', 'approval', false, 'limit 3wh'),
      n(`approval/${b}/reviewing`, '审查', 'State', `approval/${b}`, true),
      n(`approval/${b}/approved`, '同意', 'Final', `approval/${b}`, false, 'approved'),
      n(`approval/${b}/rejected`, '不同意', 'Final', `approval/${b}`, false, 'rejected'),
    ]),
    n('issuing', '出证', 'State'),
    n('issued', '已办结', 'Final', null, false, 'approved'),
    n('rejected', '不予许可', 'Final', null, false, 'rejected'),
    n('terminated', '终止', 'Final', null, false, 'terminated'),
    n('revoked', '撤销', 'Final', null, false, 'revoked'),
    n('withdrawn', '撤回', 'Final', null, false, 'withdrawn'),
    n('not-accepted', '不予受理', 'Final', null, false, 'not-accepted'),
  ],
  edges: [
    e('received', 'approval', 'accept', ['window'], 'transition', 'missing.length === 0'),
    e('received', 'approval', 'accept-tolerated', ['window']),
    e('received', 'approval', 'accept-committed', ['window']),
    e('received', 'correcting', 'notify-missing', ['window']),
    e('received', 'withdrawn', 'withdraw', ['applicant', 'window']),
    e('correcting', 'received', 'resubmit', ['applicant', 'window']),
    e('correcting', 'not-accepted', null, ['system'], 'timer'),
    ...branches.flatMap(([b]) => [
      e(`approval/${b}/reviewing`, `approval/${b}/approved`, 'approve', []),
      e(`approval/${b}/reviewing`, `approval/${b}/rejected`, 'reject', []),
    ]),
    e('approval', 'issuing', null, [], 'join'),
    e('approval', 'rejected', null, [], 'refusal'),
    e('issuing', 'issued', 'issue', ['window'], 'transition', "!obligations.open('supplement')"),
  ],
};
