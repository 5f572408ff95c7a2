// Claim / release / assign, and the decision buttons (each with its key) for the open item.
import { useState } from 'react';
import type { ReviewContext } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';
import { useUsers } from '../accounts/hooks.js';
import { DECISIONS, DecideForm } from './decide-form.js';
import { useItemAction } from './hooks.js';

interface Props {
  context: ReviewContext;
  meId: string;
  canListUsers: boolean;
  pending: string | null;
  onPending(decision: string | null): void;
  onDecided(message: string): void;
}

export function ItemActions({ context, meId, canListUsers, pending, onPending, onDecided }: Props) {
  const item = context.item;
  const action = useItemAction(item.id);
  const users = useUsers(canListUsers);
  const [assignee, setAssignee] = useState('');
  const mine = item.assignedTo?.id === meId;
  const awaiting = item.status === 'awaiting_signoff';
  return (
    <div className="item-actions">
      <p>
        {item.assignedTo ? (
          <>
            Held by <strong>{mine ? 'you' : item.assignedTo.name}</strong>.{' '}
          </>
        ) : (
          'Nobody holds this item. '
        )}
        {!mine && (
          <button type="button" className="small" onClick={() => action.mutate({ kind: 'claim' })}>
            Claim <kbd>c</kbd>
          </button>
        )}
        {mine && (
          <button
            type="button"
            className="small secondary"
            onClick={() => action.mutate({ kind: 'release' })}
          >
            Release <kbd>r</kbd>
          </button>
        )}
      </p>
      {canListUsers && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (assignee) action.mutate({ kind: 'assign', userId: assignee });
          }}
        >
          <label htmlFor="assign-to">Assign to a colleague</label>
          <select id="assign-to" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">Choose…</option>
            {users.data?.users
              .filter((u) => u.id !== meId)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
          <button type="submit" className="small secondary" disabled={!assignee}>
            Assign
          </button>
        </form>
      )}
      {!awaiting && (
        <fieldset className="decisions">
          <legend className="visually-hidden">Decide</legend>
          {DECISIONS.map((d) => (
            <button
              key={d.decision}
              type="button"
              className={d.destructive ? 'danger small' : 'small'}
              aria-keyshortcuts={d.key}
              onClick={() => onPending(d.decision)}
            >
              {d.label} <kbd>{d.key}</kbd>
            </button>
          ))}
        </fieldset>
      )}
      {pending && !awaiting && (
        <DecideForm
          decision={pending}
          busy={action.isPending}
          onCancel={() => onPending(null)}
          onSubmit={(note) =>
            action.mutate(
              { kind: 'decide', decision: pending, note },
              {
                onSuccess: (state) => {
                  onPending(null);
                  onDecided(
                    state.status === 'awaiting_signoff'
                      ? `“${pending}” is waiting for a second person to sign it off.`
                      : `Decision recorded: ${pending}.`,
                  );
                },
              },
            )
          }
        />
      )}
      {action.isError && <ErrorNote error={action.error} />}
    </div>
  );
}
