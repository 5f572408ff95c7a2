// Legal holds: items they cover cannot be removed by retention or anything else until released, with a reason.

import type { LegalHold } from '../../api/types.js';
import { ReasonAction } from '../../components/reason-action.js';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useAccounts } from '../accounts/hooks.js';
import { HoldForm } from './hold-form.js';
import { useHolds, useReleaseHold } from './hooks.js';

function scopeText(s: LegalHold['scope'], accountName: (id: string) => string): string {
  const parts: string[] = [];
  if (s.query) parts.push(`words “${s.query}”`);
  if (s.authors?.length) parts.push(`authors ${s.authors.join(', ')}`);
  if (s.accountIds?.length) parts.push(`accounts ${s.accountIds.map(accountName).join(', ')}`);
  if (s.from) parts.push(`from ${formatTime(s.from)}`);
  if (s.to) parts.push(`until ${formatTime(s.to)}`);
  return parts.length ? parts.join('; ') : 'everything';
}

export function HoldsPanel() {
  const holds = useHolds();
  const release = useReleaseHold();
  const accounts = useAccounts();
  const accountName = (id: string) => {
    const a = accounts.data?.accounts.find((x) => x.id === id);
    return a ? a.displayName || a.handle : id;
  };
  return (
    <section className="panel">
      <h2>Legal holds</h2>
      <HoldForm />
      {holds.isPending ? (
        <Loading what="legal holds" />
      ) : holds.isError ? (
        <ErrorNote error={holds.error} />
      ) : holds.data.holds.length === 0 ? (
        <Empty>No legal holds.</Empty>
      ) : (
        <ul className="holds">
          {holds.data.holds.map((h) => (
            <li key={h.id}>
              <strong>{h.name}</strong>{' '}
              {h.releasedAt ? (
                <span className="badge">released {formatTime(h.releasedAt)}</span>
              ) : (
                <span className="badge badge-hold">active</span>
              )}
              <div className="muted">
                Covers {scopeText(h.scope, accountName)}. Placed {formatTime(h.createdAt)} for: {h.reason}.
                {h.releaseReason ? ` Released because: ${h.releaseReason}.` : ''}
              </div>
              {!h.releasedAt && (
                <ReasonAction
                  label="Release"
                  describedAs={`Release hold ${h.name}`}
                  onConfirm={(reason) => release.mutateAsync({ id: h.id, reason })}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
