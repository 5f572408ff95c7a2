// On the account page: how many approvals its posts need, and its hijack protection (policy, unlock after a
// lock, and the posts found on it that Parapet did not publish).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, get, query } from '../../api/client.js';
import type { Account, HijackDetection, HijackState } from '../../api/types.js';
import { ReasonAction } from '../../components/reason-action.js';
import { Empty, ErrorNote, formatTime } from '../../components/status.js';
import { useApprovalPolicy, useSetApprovalPolicy } from './hooks.js';
import type { PublishingPermissions } from './permissions.js';

export function AccountPublishing({ account, can }: { account: Account; can: PublishingPermissions }) {
  return (
    <>
      {can.manageApprovalPolicy && <ApprovalSteps accountId={account.id} />}
      {can.viewDetections && <HijackSection account={account} can={can} />}
    </>
  );
}

function ApprovalSteps({ accountId }: { accountId: string }) {
  const policy = useApprovalPolicy(accountId, true);
  const save = useSetApprovalPolicy(accountId);
  const [steps, setSteps] = useState(1);
  useEffect(() => {
    if (policy.data) setSteps(policy.data.approvalSteps);
  }, [policy.data]);
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(steps);
      }}
    >
      <h2>Approvals</h2>
      <label>
        Distinct approvals a post on this account needs
        <select value={steps} onChange={(e) => setSteps(Number(e.target.value))}>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={save.isPending || policy.isPending}>
        Update approval steps
      </button>
      {(policy.isError || save.isError) && <ErrorNote error={policy.error ?? save.error} />}
      {save.isSuccess && <p role="status">Posts on this account now need {save.data.approvalSteps}.</p>}
    </form>
  );
}

function HijackSection({ account, can }: { account: Account; can: PublishingPermissions }) {
  const client = useQueryClient();
  const key = ['accounts', account.id, 'hijack'];
  const state = useQuery({
    queryKey: key,
    queryFn: () => get<HijackState>(`/api/v1/accounts/${account.id}/hijack-policy`),
  });
  const detections = useQuery({
    queryKey: [...key, 'detections'],
    queryFn: () =>
      get<{ detections: HijackDetection[] }>(
        `/api/v1/hijack/detections${query({ accountId: account.id, limit: 20 })}`,
      ),
  });
  const setPolicy = useMutation({
    mutationFn: (policy: HijackState['policy']) =>
      api('PUT', `/api/v1/accounts/${account.id}/hijack-policy`, { policy }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  const unlock = (reason: string) =>
    api('POST', `/api/v1/accounts/${account.id}/unlock`, { reason }).then(() =>
      client.invalidateQueries({ queryKey: ['accounts'] }),
    );
  return (
    <section className="panel" aria-labelledby="hijack">
      <h2 id="hijack">Hijack protection</h2>
      <p className="muted">
        A post on this account that was not made through Parapet is a hijack signal.
        {state.data?.lastCheckedAt ? ` Last checked ${formatTime(state.data.lastCheckedAt)}.` : ''}
        {state.data?.lastError ? ` Last check failed: ${state.data.lastError}` : ''}
      </p>
      {state.isError && <ErrorNote error={state.error} />}
      {state.data && (
        <label>
          When it happens
          <select
            disabled={!can.setHijackPolicy || setPolicy.isPending}
            value={state.data.policy}
            onChange={(e) => setPolicy.mutate(e.target.value as HijackState['policy'])}
          >
            <option value="alert">Alert comms only</option>
            <option value="delete_and_lock">Delete the post and lock the account</option>
          </select>
        </label>
      )}
      {setPolicy.isError && <ErrorNote error={setPolicy.error} />}
      {account.status === 'locked' && can.unlockAccount && (
        <p>
          This account is locked. Once investigated:{' '}
          <ReasonAction label="Unlock" describedAs="Unlock this account" onConfirm={unlock} />
        </p>
      )}
      <h3>Posts Parapet did not publish</h3>
      {detections.isError ? (
        <ErrorNote error={detections.error} />
      ) : !detections.data || detections.data.detections.length === 0 ? (
        <Empty>None found.</Empty>
      ) : (
        <ul className="plain">
          {detections.data.detections.map((d) => (
            <li key={d.id}>
              {formatTime(d.detectedAt)}: “{d.text}” — {d.action.replaceAll('_', ' ')}
              {d.deletedAt ? `, deleted ${formatTime(d.deletedAt)}` : ''}
              {d.deleteError ? ` (delete failed: ${d.deleteError})` : ''}
              {d.url && (
                <>
                  {' '}
                  <a href={d.url}>open</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
