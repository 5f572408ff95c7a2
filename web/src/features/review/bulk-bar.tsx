// Bulk allow / hide of the selected items: one request per item, each result shown.

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import type { QueueRow } from '../../api/types.js';
import { runItemAction } from './hooks.js';

interface Result {
  id: string;
  who: string;
  ok: boolean;
  message: string;
}

export function BulkBar({
  items,
  selected,
  onDone,
}: {
  items: QueueRow[];
  selected: Set<string>;
  onDone(): void;
}) {
  const client = useQueryClient();
  const [results, setResults] = useState<Result[]>([]);
  const [busy, setBusy] = useState(false);
  const chosen = items.filter((i) => selected.has(i.id));
  const run = async (decision: 'allow' | 'hide') => {
    setBusy(true);
    const out: Result[] = [];
    for (const item of chosen) {
      const who = `@${item.author.handle}: “${item.text.slice(0, 40)}”`;
      try {
        await runItemAction(item.id, { kind: 'decide', decision, note: `bulk ${decision}` });
        out.push({ id: item.id, who, ok: true, message: decision === 'allow' ? 'allowed' : 'hide queued' });
      } catch (err) {
        out.push({ id: item.id, who, ok: false, message: err instanceof ApiError ? err.message : 'failed' });
      }
    }
    setResults(out);
    setBusy(false);
    onDone();
    await client.invalidateQueries({ queryKey: ['review'] });
  };
  return (
    <section className="bulk" aria-label="Bulk actions">
      <span>{chosen.length} selected</span>
      <button
        type="button"
        className="small"
        disabled={busy || chosen.length === 0}
        onClick={() => run('allow')}
      >
        Allow selected
      </button>
      <button
        type="button"
        className="small danger"
        disabled={busy || chosen.length === 0}
        onClick={() => run('hide')}
      >
        Hide selected
      </button>
      <div role="status">
        {results.length > 0 && (
          <ul className="plain bulk-results">
            {results.map((r) => (
              <li key={r.id} className={r.ok ? 'ok' : 'error'}>
                {r.who} — {r.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
