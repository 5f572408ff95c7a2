// The shell: who is signed in, the navigation their roles allow, and one thin route per page.
import { useEffect } from 'react';
import { Route, Switch } from 'wouter';
import { Shell } from './components/shell.js';
import { ErrorNote, Loading } from './components/status.js';
import { AccountPage } from './features/accounts/account-page.js';
import { AccountsPage } from './features/accounts/accounts-page.js';
import { AuditPage } from './features/audit/audit-page.js';
import { DictionariesPage } from './features/dictionaries/dictionaries-page.js';
import { DictionaryPage } from './features/dictionaries/dictionary-page.js';
import { JobsPage } from './features/jobs/jobs-page.js';
import { OverviewPage } from './features/overview/overview-page.js';
import { permissionsOf, useMe } from './features/session/hooks.js';
import { SettingsPage } from './features/settings/settings-page.js';
import { UsersPage } from './features/users/users-page.js';

export function App() {
  const me = useMe();
  if (me.isPending) return <Loading what="Parapet" />;
  if (me.isError) return <ErrorNote error={me.error} />;
  if (me.data?.stage !== 'active') return <RedirectToSignIn />;
  const can = permissionsOf(me.data);
  return (
    <Shell me={me.data} can={can}>
      <Switch>
        <Route path="/">
          <OverviewPage />
        </Route>
        <Route path="/accounts">
          <AccountsPage can={can} />
        </Route>
        <Route path="/accounts/:id">{(params) => <AccountPage id={params.id} can={can} />}</Route>
        <Route path="/dictionaries">
          <DictionariesPage can={can} />
        </Route>
        <Route path="/dictionaries/:id">{(params) => <DictionaryPage id={params.id} can={can} />}</Route>
        <Route path="/users">
          <UsersPage can={can} />
        </Route>
        <Route path="/settings">
          <SettingsPage can={can} />
        </Route>
        <Route path="/jobs">
          <JobsPage />
        </Route>
        <Route path="/audit">
          <AuditPage />
        </Route>
        <Route>
          <h1>Page not found</h1>
          <p>There is no page here. Use the navigation to find what you need.</p>
        </Route>
      </Switch>
    </Shell>
  );
}

/** Signing in (and the second factor) happen on the sign-in page, which brings the user back here. */
function RedirectToSignIn() {
  useEffect(() => {
    window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`);
  }, []);
  return <Loading what="sign-in" />;
}
