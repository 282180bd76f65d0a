/** The server's JSON shapes (docs/api.md). */
import type { ClockInfo } from './consoleTypes';

export interface DefinitionSummary {
  code: string;
  name: string;
  latestVersion: number | null;
  hasDraft: boolean;
  valid: boolean;
  errors: number;
  warnings: number;
  pinyin?: string;
  /** The lead department's id and the item's kind (`promised`, `instant`); null when the text does not read. */
  lead?: string | null;
  kind?: string | null;
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
  /** The message and fix in Simplified Chinese, where the engine has them. */
  messageZh?: string | null;
  fixZh?: string | null;
  line?: number | null;
  column?: number | null;
  path?: string | null;
}

/** The model summary the server sends beside the text (null when the text does not read as a definition). */
export interface ModelSummaryDto {
  code: string;
  name: string;
  version: number;
  calendar: string;
  materials: { id: string; name: string; core: boolean; tolerable: boolean; committable: boolean; shared: string | null; optional: boolean }[];
  states: string[];
}

export interface DefinitionDocument {
  code: string;
  source: 'draft' | 'version';
  yaml: string;
  revision: number | string;
  latestVersion: number | null;
  model: ModelSummaryDto | null;
  graph: GraphDto | null;
  diagnostics: Diagnostic[];
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  graph: GraphDto | null;
}

export interface VersionInfo {
  code: string;
  version: number;
  author: string;
  publishedAt: string;
  source: string;
}

/**
 * One semantic change. `area` is item, limit, material, tolerance, commitment, rating, obligation, template,
 * notification, state, transition or branch; `key` names the thing: `main:issuing` (a state of the main flow),
 * `approval/market:reviewing` (a state of a branch), `main:issuing+issue` (a transition), `approval/market` (a branch),
 * `state main:issuing` / `branch approval/market` (their limits), a material id, …
 */
export interface SemanticChange {
  kind: 'added' | 'removed' | 'changed';
  area: string;
  key: string;
  field: string | null;
  before: string | null;
  after: string | null;
}

export interface SemanticDiff {
  code: string;
  from: string;
  to: string;
  changes: SemanticChange[];
}

export interface SimulationStepInput {
  send?: string;
  by?: string;
  branch?: string;
  after?: string;
  at?: string;
  payload?: Record<string, unknown>;
}

/** The case a hand-written simulation starts (defaults: window channel, nothing submitted). */
export interface SimulationCase {
  channel?: string;
  assisted?: boolean;
  submitted?: string[];
  data?: Record<string, unknown>;
}

export interface SimulationStep {
  index: number;
  label: string;
  now: string;
  /** Region → state: `main` → `approval`, `approval/market` → `reviewing`. */
  regions: Record<string, string>;
  outcome: string | null;
  clock: ClockInfo | null;
  /** `scopeTitle`: what people call the scope (a branch's or step's title); none for the whole case. */
  warnings: { level: string; scope: string; at: string; scopeTitle?: string | null }[];
  obligations: { id: string; kind: string; due: string; status: string; materials: string[] }[];
  missing: string[];
  events: { type: string; role: string; region?: string | null }[];
  notifications: string[];
  /** `message` and `arguments`: the reason's id in the message catalog and its values in each language. */
  rejection: { code: string; reason: string; reasonEnglish: string; message?: string | null; arguments?: Record<string, { zh: string; en: string }> | null } | null;
}

export interface SimulationResult {
  ran: boolean;
  passed: boolean;
  steps: SimulationStep[];
  /** A sample's failed expectations, in English; `failuresZh` the same in Chinese, in the same order. */
  failures: string[];
  failuresZh?: string[];
  diagnostics: Diagnostic[];
}

export interface LayoutFile {
  version: 1;
  positions: Record<string, { x: number; y: number }>;
}

/** GET /api/organization: the catalog's departments and data sources. */
export interface OrganizationDirectory {
  departments: { id: string; name: string }[];
  dataSources: { id: string; name: string; owner: string | null }[];
}
