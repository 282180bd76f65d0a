/** A chunk of the built web app as the bundler reports it (the fields of Rollup's and Rolldown's output chunk used here). */
export interface BuiltChunk {
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  moduleIds: string[];
}

/**
 * The chunks a page of the app loads: the entry and what it imports statically, then the chunk of the route's
 * module (`routeModule`, a path suffix such as `/src/views/Progress.tsx`) and its static imports — the files the
 * browser requests when the route is opened directly. Throws when the route has no chunk of its own.
 */
export function chunksOfRoute(chunks: BuiltChunk[], routeModule: string): BuiltChunk[] {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const route = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(routeModule));
  if (!route) throw new Error(`no chunk of its own for ${routeModule}: is the route lazy?`);
  const seen = new Set<string>();
  const visit = (c: BuiltChunk) => {
    if (seen.has(c.fileName)) return;
    seen.add(c.fileName);
    for (const i of c.imports) {
      const next = byFile.get(i);
      if (next) visit(next);
    }
  };
  chunks.filter((c) => c.isEntry).forEach(visit);
  visit(route);
  return [...seen].map((f) => byFile.get(f)!);
}

/** The script modules of `chunks` matching any of `forbidden`, as `chunk file: module` (style sheets are not counted). */
export function forbiddenModules(chunks: BuiltChunk[], forbidden: RegExp[]): string[] {
  return chunks.flatMap((c) =>
    c.moduleIds.map((m) => m.replaceAll('\\', '/')).filter((m) => !/\.css(\?|$)/.test(m) && forbidden.some((f) => f.test(m))).map((m) => `${c.fileName}: ${m}`),
  );
}

/** What the applicant's page must never download: the staff pages, the designer's panes and their libraries. */
export const notForProgress: RegExp[] = [
  /\/src\/views\/(Editor|Catalog|IntakeWindow|Worklist|Dashboard)\.tsx$/,
  /\/src\/components\/(GraphCanvas|YamlEditor|Inspector|SimulationPanel|VersionsPanel)\.tsx$/,
  /\/src\/(editor|yaml)\//,
  /\/node_modules\/(@xyflow|@codemirror|@lezer|elkjs|pinyin-pro|yaml)\//,
];

/** The budget of /progress's JavaScript, gzipped (bytes). */
export const progressBudget = 120 * 1000;
