/**
 * The server's JSON shapes under the names the app uses. Every one is generated from the server's OpenAPI document
 * (src/api/openapi.json → src/api/schema.d.ts, `npm run api:types`; scripts/openapi rewrites both) — nothing here is
 * written by hand except the layout sidecar, which the API stores as free JSON, and the document kinds, a path segment.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

// Definitions (the designer).
export type DefinitionSummary = Schemas['DefinitionListItem'];
export type NodeKind = Schemas['GraphNodeKind'];
export type GraphNodeDto = Schemas['GraphNode'];
export type GraphEdgeDto = Schemas['GraphEdge'];
export type GraphDto = Schemas['DefinitionGraph'];
export type Diagnostic = Schemas['DiagnosticView'];
export type ModelSummaryDto = Schemas['ModelSummary'];
export type DefinitionDocument = Schemas['DefinitionDocument'];
export type ValidationResult = Schemas['ValidateResponse'];
export type VersionInfo = Schemas['VersionView'];
/**
 * One semantic change. `area` is item, limit, material, tolerance, commitment, rating, obligation, template,
 * notification, state, transition or branch; `key` names the thing: `main:issuing` (a state of the main flow),
 * `approval/market:reviewing` (a state of a branch), `main:issuing+issue` (a transition), `approval/market` (a branch),
 * `state main:issuing` / `branch approval/market` (their limits), a material id, …
 */
export type SemanticChange = Schemas['ChangeView'];
export type SemanticDiff = Schemas['DiffResponse'];
export type SimulationStepInput = Schemas['SimulateStep'];
/** The case a hand-written simulation starts (defaults: window channel, nothing submitted). */
export type SimulationCase = Schemas['SimulateCase'];
/** A simulated step as the app reads it: the server's `[{region, state}]` as a map region → state (`normalizeSimulation`). */
export type SimulationStep = Omit<Schemas['SimulateStepView'], 'regions'> & { regions: Record<string, string> };
export type SimulationResult = Omit<Schemas['SimulateResponse'], 'steps'> & { steps: SimulationStep[] };
/** POST /api/definitions/simulate as the server writes it, before `normalizeSimulation`. */
export type SimulationResponse = Schemas['SimulateResponse'];
/** GET /api/organization: the catalog's departments and data sources. */
export type OrganizationDirectory = Schemas['OrganizationView'];

/** The designer's layout sidecar (GET/PUT /api/definitions/{code}/layout): the API keeps it as free JSON. */
export interface LayoutFile {
  version: 1;
  positions: Record<string, { x: number; y: number }>;
}

// Cases, worklist, supervision, progress (the operations console and the applicant's page).
export type MaterialInfo = Schemas['MaterialView'];
export type ItemModel = Schemas['ModelSummary'];
export type Permitted = Schemas['PermittedView'];
export type RegionInfo = Schemas['RegionView'];
export type ClockInfo = Schemas['ClockView'];
export type ObligationInfo = Schemas['ObligationView'];
export type RatingInfo = Schemas['RatingView'];
export type CaseInfo = Schemas['CaseResponse'];
export type StartCaseInput = Schemas['StartCaseRequest'];
export type StartCaseResult = Schemas['StartCaseResponse'];
export type HistoryEntry = Schemas['EventView'];
export type WorkTask = Schemas['WorkTask'];
export type WorklistPage = Schemas['WorklistPage'];
export type Indicators = Schemas['Indicators'];
export type Metrics = Schemas['MetricsResponse'];
export type Ticket = Schemas['Ticket'];
export type WarnedCase = Schemas['WarnedCase'];
export type CaseListPage = Schemas['CaseListPage'];
export type ProgressInfo = Schemas['ProgressResponse'];

// Moving running cases to another version (the designer's versions panel).
export type MigrationPlan = Schemas['MigrationPlan'];
export type PlannedCase = Schemas['PlannedCase'];
export type MigrationPlanInput = Schemas['MigrationPlanRequest'];
export type MigrationExecuteInput = Schemas['MigrationExecuteRequest'];
export type MigrationRun = Schemas['MigrationRun'];
export type MigrationOutcome = Schemas['MigrationOutcome'];

/** The printable documents of a case (GET /api/cases/{id}/documents/{kind}). */
export type DocumentKind = 'receipt' | 'one-time-notice' | 'tolerance-notice' | 'decision';
export type CaseSearchResult = Schemas['CaseSearchResult'];
export type CaseSearchHit = Schemas['CaseSearchHit'];
