import { lazy, Suspense, type ReactNode } from 'react';
import { useLocation, useParams, useRoutes, type RouteObject } from 'react-router';
import { ApplicantShell, StaffShell } from './App';
import { RouteErrorBoundary } from './components/RouteErrorBoundary';
import { Placeholder } from './views/Placeholder';

/*
 * The web app's routes. Each role's page is its own chunk, loaded when its route is first opened, so the applicant's
 * phone page (/progress) never downloads the designer, the graph canvas or the YAML editor. A route matches its path
 * and anything below it (/window/… shows the window), as the server answers every such path with index.html.
 */
const Progress = lazy(async () => ({ default: (await import('./views/Progress')).Progress }));
const Catalog = lazy(async () => ({ default: (await import('./views/Catalog')).Catalog }));
const Editor = lazy(async () => ({ default: (await import('./views/Editor')).Editor }));
const IntakeWindow = lazy(async () => ({ default: (await import('./views/IntakeWindow')).IntakeWindow }));
const Worklist = lazy(async () => ({ default: (await import('./views/Worklist')).Worklist }));
const MyTasks = lazy(async () => ({ default: (await import('./views/MyTasks')).MyTasks }));
const Dashboard = lazy(async () => ({ default: (await import('./views/Dashboard')).Dashboard }));
const Audit = lazy(async () => ({ default: (await import('./views/Audit')).Audit }));

export const routes: RouteObject[] = [
  {
    id: 'applicant',
    element: <ApplicantShell />,
    children: [{ id: 'progress', path: '/progress/*', element: page(<Progress />) }],
  },
  {
    id: 'staff',
    path: '/',
    element: <StaffShell />,
    children: [
      { id: 'catalog-home', index: true, element: page(<Catalog />) },
      { id: 'catalog', path: 'designer', element: page(<Catalog />) },
      { id: 'editor', path: 'designer/:code/*', element: page(<EditorRoute />) },
      { id: 'window', path: 'window/*', element: page(<IntakeWindow />) },
      { id: 'worklist', path: 'worklist/*', element: page(<Worklist />) },
      { id: 'tasks', path: 'tasks/*', element: page(<MyTasks />) },
      { id: 'dashboard', path: 'dashboard/*', element: page(<Dashboard />) },
      { id: 'audit', path: 'audit/*', element: page(<Audit />) },
      { id: 'unknown', path: '*', element: <Unknown /> },
    ],
  },
];

export function AppRoutes() {
  return useRoutes(routes);
}

/** A route's page: loaded on demand, inside its own error boundary (a failure shows a message, never a blank page). */
function page(element: ReactNode) {
  return (
    <RouteErrorBoundary>
      <Suspense fallback={null}>{element}</Suspense>
    </RouteErrorBoundary>
  );
}

/** The editor of /designer/:code, a fresh one per item. */
function EditorRoute() {
  const { code = '' } = useParams();
  return <Editor key={code} code={code} />;
}

function Unknown() {
  return <Placeholder title={useLocation().pathname} />;
}
