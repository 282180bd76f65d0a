/** The server's JSON shapes (docs/api.md). */
export interface DefinitionSummary {
  code: string;
  name: string;
  latestVersion: number | null;
  hasDraft: boolean;
  valid: boolean;
  errors: number;
  warnings: number;
  pinyin?: string;
}

export type NodeKind = 'State' | 'Final' | 'Parallel' | 'Branch';

export interface GraphNodeDto {
  id: string;
  name: string;
  label: string;
  kind: NodeKind;
  parent: string | null;
  initial: boolean;
  detail: string | null;
}

export interface GraphEdgeDto {
  from: string;
  to: string;
  label: string;
  event: string | null;
  roles: string[];
  guard: string | null;
  kind: string;
}

export interface GraphDto {
  nodes: GraphNodeDto[];
  edges: GraphEdgeDto[];
}

export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info' | string;
  message: string;
  fix?: string | null;
  line?: number | null;
  column?: number | null;
  path?: string | null;
}

export interface DefinitionDocument {
  code: string;
  name: string;
  yaml: string;
  revision: number | string;
  graph: GraphDto | null;
  diagnostics: Diagnostic[];
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  graph: GraphDto | null;
}

export interface VersionInfo {
  version: number;
  publishedAt: string;
  publishedBy: string;
}

export interface DiffPart {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface SemanticDiff {
  states: DiffPart;
  transitions: DiffPart;
  materials: DiffPart;
  rules: DiffPart;
}

export interface SimulationStepInput {
  send?: string;
  by?: string;
  branch?: string;
  after?: string;
  at?: string;
  payload?: Record<string, unknown>;
}

export interface SimulationStep {
  state: string | null;
  regions: { region: string; state: string }[];
  clock: { elapsed?: string; remainingPromised?: string; remainingStatutory?: string; paused?: boolean } | null;
  warnings: string[];
  obligations: unknown[];
  events: unknown[];
  notifications: unknown[];
  rejection: string | null;
}

export interface SimulationResult {
  steps: SimulationStep[];
}

export interface LayoutFile {
  version: 1;
  positions: Record<string, { x: number; y: number }>;
}
