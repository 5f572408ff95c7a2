// Per-category action overrides: rows of category → action, replacing the dictionary's own action.
import type { ModerationSettings } from '../../api/types.js';

export const ACTIONS = ['hide', 'delete', 'block', 'review', 'escalate', 'record'] as const;
type Action = ModerationSettings['flood']['action'];

export function CategoryOverrides({
  rows,
  onChange,
}: {
  rows: Array<[string, Action]>;
  onChange(rows: Array<[string, Action]>): void;
}) {
  const set = (index: number, row: [string, Action]) => onChange(rows.map((r, i) => (i === index ? row : r)));
  return (
    <fieldset>
      <legend>Per-category actions (override the dictionaries)</legend>
      {rows.length === 0 && <p className="empty">No overrides: each dictionary's own action applies.</p>}
      {rows.map(([category, action], index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the category text changes
        <div className="inline-form" key={index}>
          <label htmlFor={`override-${index}-category`}>Category</label>
          <input
            id={`override-${index}-category`}
            value={category}
            required
            pattern="[\w.\-]+"
            maxLength={100}
            onChange={(e) => set(index, [e.target.value, action])}
          />
          <label htmlFor={`override-${index}-action`}>Action</label>
          <select
            id={`override-${index}-action`}
            value={action}
            onChange={(e) => set(index, [category, e.target.value as Action])}
          >
            {ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
          <button
            type="button"
            className="secondary small"
            aria-label={`Remove the override for ${category || 'this category'}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="secondary small" onClick={() => onChange([...rows, ['', 'review']])}>
        Add an override
      </button>
    </fieldset>
  );
}
