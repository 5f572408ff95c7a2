// Page frame: a skip link, the organisation and user, and the navigation the user's roles allow.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { api } from '../api/client.js';
import type { Me } from '../api/types.js';
import { LiveAlerts } from '../features/alerts/live-alerts.js';
import { archivePermissionsOf } from '../features/archive/permissions.js';
import { PauseIndicator } from '../features/publishing/pause-indicator.js';
import { publishingPermissionsOf } from '../features/publishing/permissions.js';
import type { Permissions } from '../features/session/hooks.js';

interface NavItem {
  href: string;
  label: string;
  show: (can: Permissions, me: Me) => boolean;
}

// Grouped by what people come to do, so an administrator's 17 entries stay scannable.
const NAV: Array<{ group: string; items: NavItem[] }> = [
  {
    group: 'Work',
    items: [
      { href: '/', label: 'Overview', show: () => true },
      { href: '/compose', label: 'Compose', show: () => true },
      { href: '/posts', label: 'Posts', show: () => true },
      { href: '/approvals', label: 'Approvals', show: (_can, me) => publishingPermissionsOf(me).approve },
      { href: '/review', label: 'Review queue', show: () => true },
      { href: '/alerts', label: 'Alerts', show: () => true },
    ],
  },
  {
    group: 'Accounts and people',
    items: [
      { href: '/accounts', label: 'Accounts', show: () => true },
      { href: '/users', label: 'Users and teams', show: (can) => can.viewUsers },
      { href: '/licence', label: 'Licence to post', show: () => true },
    ],
  },
  {
    group: 'Rules and records',
    items: [
      { href: '/dictionaries', label: 'Dictionaries', show: (can) => can.viewDictionaries },
      { href: '/analytics', label: 'Analytics', show: () => true },
      {
        href: '/archive',
        label: 'Archive',
        show: (_can, me) => archivePermissionsOf(me).readableKinds.length > 0,
      },
      {
        href: '/records',
        label: 'Records and holds',
        show: (_can, me) => archivePermissionsOf(me).manageHolds,
      },
      { href: '/audit', label: 'Audit log', show: (can) => can.readAudit },
    ],
  },
  {
    group: 'Administration',
    items: [
      {
        href: '/publishing',
        label: 'Publishing controls',
        show: (_can, me) => publishingPermissionsOf(me).viewPublishingStatus,
      },
      { href: '/jobs', label: 'Background jobs', show: (can) => can.manageJobs },
      { href: '/settings', label: 'Settings', show: () => true },
    ],
  },
];

export function Shell({ me, can, children }: { me: Me; can: Permissions; children: ReactNode }) {
  const [location] = useLocation();
  const signOut = async () => {
    await api('POST', '/api/v1/auth/sign-out').catch(() => undefined);
    window.location.assign('/sign-in');
  };
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Parapet</span>
        <span className="org">{me.organisation.name}</span>
        <span className="spacer" />
        <PauseIndicator me={me} />
        <LiveAlerts />
        <a href="/">{me.user.name}</a>
        <button type="button" className="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav aria-label="Main" className="sidenav">
        {NAV.map(({ group, items }) => {
          const shown = items.filter((item) => item.show(can, me));
          if (shown.length === 0) return null;
          const id = `nav-${group.toLowerCase().replaceAll(' ', '-')}`;
          return (
            <div key={group}>
              <p className="nav-group" id={id}>
                {group}
              </p>
              <ul aria-labelledby={id}>
                {shown.map((item) => {
                  const current = item.href === '/' ? location === '/' : location.startsWith(item.href);
                  return (
                    <li key={item.href}>
                      <Link href={item.href} aria-current={current ? 'page' : undefined}>
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
