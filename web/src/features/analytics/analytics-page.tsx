// Analytics for a scope (whole organisation, team, account or officer) and a period: totals with engagement
// metrics, a trend chart, figures per account / officer / team, moderation counts, top posts, time to act —
// each with its CSV — and the reports and their schedules.
import { useState } from 'react';
import type { Me } from '../../api/types.js';
import { ErrorNote, Loading } from '../../components/status.js';
import { permissionsOf, useMe } from '../session/hooks.js';
import { BreakdownTable } from './breakdown-table.js';
import { CsvLink } from './csv-link.js';
import { analyticsUrl, useOverview } from './hooks.js';
import { ModerationTable } from './moderation-table.js';
import { ReportsList } from './reports-list.js';
import {
  type PeriodChoice,
  periodOf,
  type ScopeChoice,
  ScopePicker,
  scopeErrorOf,
  scopeOf,
} from './scope-picker.js';
import { TimeToActTable } from './time-to-act-table.js';
import { TopPosts } from './top-posts.js';
import { Totals } from './totals.js';

export function AnalyticsPage({ canManageReports }: { canManageReports: boolean }) {
  const me = useMe();
  if (!me.data) return <Loading what="analytics" />;
  return <Analytics me={me.data} canManageReports={canManageReports} />;
}

function Analytics({ me, canManageReports }: { me: Me; canManageReports: boolean }) {
  const [scopeChoice, setScope] = useState<ScopeChoice>({ kind: 'org', id: '' });
  const [periodChoice, setPeriod] = useState<PeriodChoice>({ preset: 30, from: '', to: '' });
  const canListUsers = permissionsOf(me).viewUsers;
  const period = periodOf(periodChoice);
  const scope = scopeOf(scopeChoice);
  return (
    <>
      <h1>Analytics</h1>
      {period ? (
        <Figures
          me={me}
          canListUsers={canListUsers}
          scopeChoice={scopeChoice}
          periodChoice={periodChoice}
          onScope={setScope}
          onPeriod={setPeriod}
          period={period}
          scope={scope}
        />
      ) : (
        <>
          <ScopePicker
            me={me}
            canListUsers={canListUsers}
            scope={scopeChoice}
            period={periodChoice}
            onScope={setScope}
            onPeriod={setPeriod}
            problem={null}
          />
          <p className="muted">Choose a start and an end date to see figures.</p>
        </>
      )}
      <ReportsList canManage={canManageReports} canListUsers={canListUsers} />
    </>
  );
}

type FiguresProps = {
  me: Me;
  canListUsers: boolean;
  scopeChoice: ScopeChoice;
  periodChoice: PeriodChoice;
  onScope(s: ScopeChoice): void;
  onPeriod(p: PeriodChoice): void;
  period: NonNullable<ReturnType<typeof periodOf>>;
  scope: ReturnType<typeof scopeOf>;
};

function Figures({
  me,
  canListUsers,
  scopeChoice,
  periodChoice,
  onScope,
  onPeriod,
  period,
  scope,
}: FiguresProps) {
  const overview = useOverview(period, scope);
  // A refused period or scope fails every panel alike: say it once, beside the field, and show no panels (their
  // CSV links would only download the same refusal).
  const problem = scopeErrorOf([overview.error]);
  const quiet = problem !== null;
  return (
    <>
      <ScopePicker
        me={me}
        canListUsers={canListUsers}
        scope={scopeChoice}
        period={periodChoice}
        onScope={onScope}
        onPeriod={onPeriod}
        problem={problem}
      />
      {quiet ? null : (
        <>
          <section aria-labelledby="totals-title">
            <h2 id="totals-title">Totals</h2>
            <CsvLink href={analyticsUrl('overview', period, scope, { format: 'csv' })}>
              Totals and trend (CSV)
            </CsvLink>
            {overview.isPending ? (
              <Loading what="analytics" />
            ) : overview.isError ? (
              <ErrorNote error={overview.error} />
            ) : (
              <Totals o={overview.data} />
            )}
          </section>
          <BreakdownTable period={period} scope={scope} />
          <ModerationTable period={period} scope={scope} />
          <TopPosts period={period} scope={scope} />
          <TimeToActTable period={period} scope={scope} />
        </>
      )}
    </>
  );
}
