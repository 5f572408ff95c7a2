// Your alert subscriptions: in-app and e-mail per kind, starting from your roles' defaults.
import { useState } from 'react';
import type { AlertSubscriptions } from '../../api/types.js';
import { ErrorNote, Loading } from '../../components/status.js';
import { useSaveSubscriptions, useSubscriptions } from './hooks.js';

const CHANNELS = ['in_app', 'email'] as const;
const CHANNEL_LABEL = { in_app: 'In the dashboard', email: 'By e-mail' };

export function SubscriptionsForm() {
  const view = useSubscriptions();
  if (view.isPending) return <Loading what="your subscriptions" />;
  if (view.isError) return <ErrorNote error={view.error} />;
  return <SubscriptionsTable view={view.data} />;
}

function SubscriptionsTable({ view }: { view: AlertSubscriptions }) {
  const save = useSaveSubscriptions();
  const kinds = [
    ...new Set([...view.defaults.map((d) => d.kindPrefix), ...view.subscriptions.map((s) => s.kindPrefix)]),
  ];
  const initial = (kind: string, channel: string) =>
    view.subscriptions.find((s) => s.kindPrefix === kind && s.channel === channel)?.enabled ??
    view.defaults.some((d) => d.kindPrefix === kind && d.channels.includes(channel));
  const [state, setState] = useState(() =>
    Object.fromEntries(kinds.flatMap((k) => CHANNELS.map((c) => [`${k} ${c}`, initial(k, c)]))),
  );
  return (
    <form
      className="panel"
      aria-labelledby="subscriptions-title"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          kinds.flatMap((kindPrefix) =>
            CHANNELS.map((channel) => ({
              kindPrefix,
              channel,
              enabled: Boolean(state[`${kindPrefix} ${channel}`]),
            })),
          ),
        );
      }}
    >
      <h2 id="subscriptions-title">Your subscriptions</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Kind of alert</th>
            {CHANNELS.map((c) => (
              <th scope="col" key={c}>
                {CHANNEL_LABEL[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => (
            <tr key={k}>
              <th scope="row">{k === '*' ? 'everything else' : k}</th>
              {CHANNELS.map((c) => (
                <td key={c}>
                  <input
                    type="checkbox"
                    aria-label={`${k} ${CHANNEL_LABEL[c].toLowerCase()}`}
                    checked={Boolean(state[`${k} ${c}`])}
                    onChange={(e) => setState({ ...state, [`${k} ${c}`]: e.target.checked })}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" disabled={save.isPending}>
        Save subscriptions
      </button>
      {save.isError && <ErrorNote error={save.error} />}
      {save.isSuccess && <p role="status">Subscriptions saved.</p>}
    </form>
  );
}
