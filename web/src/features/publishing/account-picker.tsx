// The accounts the user may send on, from the account list and their grants, judged by the server's own
// sendMode policy; the live check then confirms (or refuses) each one.
import type { AccountPermission } from '../../../../src/modules/identity/policy.js';
import { sendMode } from '../../../../src/modules/publishing/policy.js';
import type { Me } from '../../api/types.js';
import { Empty, ErrorNote, Loading } from '../../components/status.js';
import { useAccounts } from '../accounts/hooks.js';
import { useMyGrants } from './hooks.js';
import { principalOfMe } from './permissions.js';

interface Props {
  me: Me;
  kind: 'post' | 'reply';
  selected: string[];
  onChange(ids: string[]): void;
}

const MODE_LABEL = { direct: 'publishes once checked', approval: 'needs approval' } as const;

export function AccountPicker({ me, kind, selected, onChange }: Props) {
  const accounts = useAccounts();
  const grants = useMyGrants(me.user.id);
  if (accounts.isPending || grants.isPending) return <Loading what="your accounts" />;
  if (accounts.isError) return <ErrorNote error={accounts.error} />;
  if (grants.isError) return <ErrorNote error={grants.error} />;
  const principal = principalOfMe(me);
  const grantOf = new Map(grants.data.grants.map((g) => [g.accountId, g]));
  const usable = accounts.data.accounts.flatMap((account) => {
    const grant = grantOf.get(account.id);
    const perms = grant ? { permissions: grant.permissions as AccountPermission[] } : null;
    const mode = sendMode(principal, perms, account, kind);
    return mode ? [{ account, mode }] : [];
  });
  if (usable.length === 0)
    return (
      <Empty>
        You may not {kind === 'reply' ? 'reply' : 'post'} on any account yet. Ask the communications team for
        a grant.
      </Empty>
    );
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  return (
    <fieldset className="account-picker">
      <legend>Post as</legend>
      {usable.map(({ account, mode }) => (
        <label className="check" key={account.id}>
          <input
            type="checkbox"
            checked={selected.includes(account.id)}
            onChange={(e) => toggle(account.id, e.target.checked)}
          />
          {account.displayName || account.handle}{' '}
          <span className="muted">
            @{account.handle} · {account.platform} · {MODE_LABEL[mode]}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
