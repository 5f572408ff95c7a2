// Admin: SLA minutes, safeguarding categories, per-category overrides and flood thresholds.
import { useState } from 'react';
import type { ModerationSettings } from '../../api/types.js';
import { ErrorNote, Loading } from '../../components/status.js';
import { ACTIONS, CategoryOverrides } from './category-overrides.js';
import { useModerationSettings, useSaveModerationSettings } from './hooks.js';

export function ModerationSettingsSection() {
  const settings = useModerationSettings(true);
  if (settings.isPending) return <Loading what="moderation settings" />;
  if (settings.isError) return <ErrorNote error={settings.error} />;
  return <ModerationSettingsForm initial={settings.data} />;
}

type Flood = ModerationSettings['flood'];
const FLOOD_NUMBERS: Array<[keyof Flood, string]> = [
  ['authorWindowMinutes', 'One author: window (minutes)'],
  ['authorMaxMessages', 'One author: most messages in the window'],
  ['duplicateWindowMinutes', 'Same text: window (minutes)'],
  ['duplicateMinAuthors', 'Same text: authors that make a flood'],
  ['maxLinks', 'Most links in one message'],
];

function ModerationSettingsForm({ initial }: { initial: ModerationSettings }) {
  const save = useSaveModerationSettings();
  const [s, setS] = useState(initial);
  const [categories, setCategories] = useState(initial.safeguardingCategories.join(', '));
  const [overrides, setOverrides] = useState(Object.entries(initial.categoryActions));
  const num = (
    key: 'safeguardingSlaMinutes' | 'escalationSlaMinutes' | 'reviewSlaMinutes',
    label: string,
  ) => (
    <label>
      {label}
      <input
        type="number"
        min={1}
        required
        value={s[key]}
        onChange={(e) => setS({ ...s, [key]: Number(e.target.value) })}
      />
    </label>
  );
  return (
    <form
      className="panel"
      aria-labelledby="moderation-settings-title"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          ...s,
          safeguardingCategories: categories
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
          categoryActions: Object.fromEntries(overrides.filter(([c]) => c.trim())),
        });
      }}
    >
      <h2 id="moderation-settings-title">Moderation</h2>
      <div className="filters">
        {num('safeguardingSlaMinutes', 'Safeguarding SLA (minutes)')}
        {num('reviewSlaMinutes', 'Review SLA (minutes)')}
        {num('escalationSlaMinutes', 'Escalation SLA (minutes)')}
      </div>
      <label>
        Safeguarding categories (comma-separated; welfare and threat always count)
        <input value={categories} onChange={(e) => setCategories(e.target.value)} />
      </label>
      <CategoryOverrides rows={overrides} onChange={setOverrides} />
      <fieldset>
        <legend>Flood protection</legend>
        <div className="filters">
          {FLOOD_NUMBERS.map(([key, label]) => (
            <label key={key}>
              {label}
              <input
                type="number"
                min={0}
                required
                value={Number(s.flood[key])}
                onChange={(e) => setS({ ...s, flood: { ...s.flood, [key]: Number(e.target.value) } })}
              />
            </label>
          ))}
          <label>
            Action on a flood
            <select
              value={s.flood.action}
              onChange={(e) =>
                setS({ ...s, flood: { ...s.flood, action: e.target.value as Flood['action'] } })
              }
            >
              {ACTIONS.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={s.flood.alert}
              onChange={(e) => setS({ ...s, flood: { ...s.flood, alert: e.target.checked } })}
            />
            Raise an alert
          </label>
        </div>
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        Save moderation settings
      </button>
      {save.isError && <ErrorNote error={save.error} />}
      {save.isSuccess && <p role="status">Moderation settings saved.</p>}
    </form>
  );
}
