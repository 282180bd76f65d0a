import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes, useLocation, useParams } from 'react-router';
import { ApplicantShell, StaffShell } from './App';
import { Placeholder } from './views/Placeholder';

/**
 * The web app's routes. Each role's page is its own chunk, loaded when its route is first visited, so the applicant's
 * phone page (/progress) never downloads the designer, the graph canvas or the YAML editor. A route matches its path
 * and anything below it (/window/… shows the window), as the server answers every such path with index.html.
 */
const Progress = lazy(async () => ({ default: (await import('./views/Progress')).Progress }));
const Catalog = lazy(async () => ({ default: (await import('./views/Catalog')).Catalog }));
const Editor = lazy(async () => ({ default: (await import('./views/Editor')).Editor }));
const IntakeWindow = lazy(async () => ({ default: (await import('./views/IntakeWindow')).IntakeWindow }));
const Worklist = lazy(async () => ({ default: (await import('./views/Worklist')).Worklist }));
const Dashboard = lazy(async () => ({ default: (await import('./views/Dashboard')).Dashboard }));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/progress" element={<ApplicantShell />}>
        <Route path="*" element={page(<Progress />)} />
      </Route>
      <Route path="/" element={<StaffShell />}>
        <Route index element={page(<Catalog />)} />
        <Route path="designer" element={page(<Catalog />)} />
        <Route path="designer/:code/*" element={page(<EditorRoute />)} />
        <Route path="window/*" element={page(<IntakeWindow />)} />
        <Route path="worklist/*" element={page(<Worklist />)} />
        <Route path="dashboard/*" element={page(<Dashboard />)} />
        <Route path="*" element={<Unknown />} />
      </Route>
    </Routes>
  );
}

function page(element: ReactNode) {
  return <Suspense fallback={null}>{element}</Suspense>;
}

/** The editor of /designer/:code, a fresh one per item. */
function EditorRoute() {
  const { code = '' } = useParams();
  return <Editor key={code} code={code} />;
}

function Unknown() {
  return <Placeholder title={useLocation().pathname} />;
}
