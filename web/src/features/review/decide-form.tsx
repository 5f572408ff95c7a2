// Confirms a decision and takes an optional note. The note field gets focus, so "h, type, Enter" decides.
import { useEffect, useRef, useState } from 'react';

export const DECISIONS: Array<{
  key: string;
  decision: string;
  label: string;
  destructive: boolean;
  what: string;
}> = [
  {
    key: 'a',
    decision: 'allow',
    label: 'Allow',
    destructive: false,
    what: 'Leave it up; nothing is done on the platform.',
  },
  {
    key: 'h',
    decision: 'hide',
    label: 'Hide',
    destructive: true,
    what: 'Hide it on the platform (reversible).',
  },
  {
    key: 'd',
    decision: 'delete',
    label: 'Delete',
    destructive: true,
    what: 'Delete it on the platform (archived first).',
  },
  {
    key: 'b',
    decision: 'block',
    label: 'Block author',
    destructive: true,
    what: 'Block its author from the account.',
  },
  {
    key: 'e',
    decision: 'escalate',
    label: 'Escalate',
    destructive: false,
    what: 'Pass it to a lead with a shorter SLA.',
  },
];

export function DecideForm({
  decision,
  busy,
  onSubmit,
  onCancel,
}: {
  decision: string;
  busy: boolean;
  onSubmit(note: string | null): void;
  onCancel(): void;
}) {
  const d = DECISIONS.find((x) => x.decision === decision)!;
  const [note, setNote] = useState('');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <form
      className={`panel decide ${d.destructive ? 'decide-danger' : ''}`}
      aria-label={`Confirm: ${d.label}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(note.trim() || null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h3>{d.label} this item?</h3>
      <p className="muted">{d.what}</p>
      <label>
        Note for the record (optional)
        <input ref={field} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className={d.destructive ? 'danger' : ''} disabled={busy}>
        Confirm: {d.label}
      </button>{' '}
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
