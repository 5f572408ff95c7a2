// The shell: who is signed in, the navigation their roles allow, and one thin route per page.
import { useEffect } from 'react';
import { Route, Switch } from 'wouter';
import { alertPolicy } from '../../src/modules/alerts/policy.js';
import { managesReports } from '../../src/modules/analytics/policy.js';
import { Shell } from './components/shell.js';
import { ErrorNote, Loading } from './components/status.js';
import { AccountPage } from './features/accounts/account-page.js';
import { AccountsPage } from './features/accounts/accounts-page.js';
import { AlertsPage } from './features/alerts/alerts-page.js';
import { AnalyticsPage } from './features/analytics/analytics-page.js';
import { ArchivePage } from './features/archive/archive-page.js';
import { ArchiveItemPage } from './features/archive/item-page.js';
import { archivePermissionsOf } from './features/archive/permissions.js';
import { RecordsPage } from './features/archive/records-page.js';
import { AuditPage } from './features/audit/audit-page.js';
import { DictionariesPage } from './features/dictionaries/dictionaries-page.js';
import { DictionaryPage } from './features/dictionaries/dictionary-page.js';
import { JobsPage } from './features/jobs/jobs-page.js';
import { LicencePage } from './features/licence/licence-page.js';
import { InboundItemPage } from './features/moderation/inbound-item-page.js';
import { OverviewPage } from './features/overview/overview-page.js';
import { ApprovalsPage } from './features/publishing/approvals-page.js';
import { ComposePage } from './features/publishing/compose-page.js';
import { principalOfMe, publishingPermissionsOf } from './features/publishing/permissions.js';
import { PostPage } from './features/publishing/post-page.js';
import { PostsPage } from './features/publishing/posts-page.js';
import { PublishingPage } from './features/publishing/publishing-page.js';
import { ReviewPage } from './features/review/review-page.js';
import { permissionsOf, useMe } from './features/session/hooks.js';
import { SettingsPage } from './features/settings/settings-page.js';
import { UsersPage } from './features/users/users-page.js';

export function App() {
  const me = useMe();
  if (me.isPending) return <Loading what="Parapet" />;
  if (me.isError) return <ErrorNote error={me.error} />;
  if (me.data?.stage !== 'active') return <RedirectToSignIn />;
  const can = permissionsOf(me.data);
  const pub = publishingPermissionsOf(me.data);
  const self = me.data;
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
        <Route path="/review/:id?">
          {(params) => (
            <ReviewPage id={params.id ?? null} meId={me.data?.user.id ?? ''} canListUsers={can.viewUsers} />
          )}
        </Route>
        <Route path="/inbound/:id">{(params) => <InboundItemPage id={params.id} />}</Route>
        <Route path="/alerts">
          <AlertsPage
            manageWebhooks={alertPolicy.manageWebhooks({ roles: me.data?.user.roles ?? [] } as never)}
          />
        </Route>
        <Route path="/compose">
          <ComposePage me={me.data} />
        </Route>
        <Route path="/posts">
          <PostsPage me={me.data} canListUsers={can.viewUsers} />
        </Route>
        <Route path="/posts/:id">
          {(params) => (
            <PostPage id={params.id} me={self} canListUsers={can.viewUsers} cancelAny={pub.cancelAnyPost} />
          )}
        </Route>
        <Route path="/approvals">
          <ApprovalsPage me={me.data} canListUsers={can.viewUsers} />
        </Route>
        <Route path="/licence">
          <LicencePage can={pub} />
        </Route>
        <Route path="/publishing">
          <PublishingPage can={pub} canListUsers={can.viewUsers} />
        </Route>
        <Route path="/audit">
          <AuditPage />
        </Route>
        <Route path="/analytics">
          <AnalyticsPage canManageReports={managesReports(principalOfMe(self))} />
        </Route>
        <Route path="/archive">
          <ArchivePage can={archivePermissionsOf(self)} />
        </Route>
        <Route path="/records">
          <RecordsPage can={archivePermissionsOf(self)} orgSlug={self.organisation.slug} />
        </Route>
        <Route path="/archive/:kind/:id">
          {(params) => (
            <ArchiveItemPage
              kind={params.kind}
              id={params.id}
              can={archivePermissionsOf(self)}
              canListUsers={can.viewUsers}
            />
          )}
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
