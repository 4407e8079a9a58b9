import { useEffect, useRef } from 'preact/hooks';
import { AdminUsers } from './AdminUsers.js';
import { AlertsInbox } from './AlertsInbox.js';
import { Overview } from './Overview.js';
import { BadgesPage } from './badges/BadgesPage.js';
import { PatientLookup } from './PatientLookup.js';
import { PeopleDirectory } from './people/PeopleDirectory.js';
import { PersonPage } from './PersonPage.js';
import { Reports } from './Reports.js';
import { currentPath, Link, match } from './router.js';
import { useSignal } from './state.js';
import { TechnicianPage } from './TechnicianPage.js';
import type { Session } from './types.js';

/** The RSO's pages: the overview of everyone, a person, the patient lookup. */
export function RsoRoutes() {
  const path = useSignal(currentPath);
  if (path === '/') return <Overview />;
  if (path === '/patients') return <PatientLookup />;
  if (path === '/alerts') return <AlertsInbox />;
  if (path === '/reports') return <Reports />;
  if (path === '/people') return <PeopleDirectory />;
  if (path === '/badges') return <BadgesPage />;
  const person = match('/people/:id', path);
  if (person) return <PersonPage key={person.id} personId={person.id} canResolve />;
  return <NotFound />;
}

/**
 * A technician has one page, their own: no route names a person, so a typed-in
 * `/people/<someone>` shows nothing of anyone (and the API would answer 404 anyway).
 */
export function TechnicianRoutes({ session }: { session: Session }) {
  const path = useSignal(currentPath);
  if (path === '/' && session.personId) return <TechnicianPage personId={session.personId} />;
  if (path === '/') return <NotFound message="This login is not linked to a person." />;
  return <NotFound />;
}

/** The admin's pages: logins (dose data is the RSO's). */
export function AdminRoutes() {
  const path = useSignal(currentPath);
  if (path === '/' || path === '/admin/users') return <AdminUsers />;
  return <NotFound />;
}

export function NotFound({ message = 'There is no such page.' }: { message?: string }) {
  return (
    <section aria-labelledby="page-title">
      <PageTitle>Not found</PageTitle>
      <p>{message}</p>
      <p>
        <Link href="/">Back to the start page</Link>
      </p>
    </section>
  );
}

/** The path the last page title was shown for: the first page of a load keeps focus where it is. */
let titledPath = location.pathname;

/**
 * The page's h1, and the document title. After an in-app navigation the h1 takes focus, so a
 * screen reader starts reading the new page there (a full load starts at the top anyway).
 */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · Dose tracking`;
    if (location.pathname !== titledPath) ref.current?.focus();
    titledPath = location.pathname;
  }, [children]);
  return (
    <h1 id="page-title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
