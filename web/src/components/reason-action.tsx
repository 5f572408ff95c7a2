// A button for a consequential action that first asks for the reason (which is audited), then confirms.
import { useEffect, useId, useRef, useState } from 'react';
import { ErrorNote } from './status.js';

interface Props {
  label: string;
  /** e.g. "Suspend Ada Lovelace" — read by screen readers and shown as the form's legend. */
  describedAs: string;
  danger?: boolean;
  onConfirm(reason: string): Promise<unknown>;
}

export function ReasonAction({ label, describedAs, danger, onConfirm }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  // The field appears because the user just asked for it: put them in it.
  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);
  if (!open)
    return (
      <button
        type="button"
        className={danger ? 'danger small' : 'secondary small'}
        onClick={() => setOpen(true)}
        aria-label={describedAs}
      >
        {label}
      </button>
    );
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await onConfirm(reason);
          setOpen(false);
          setReason('');
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <label htmlFor={id}>Reason to {describedAs.toLowerCase()}</label>
      <input
        id={id}
        ref={field}
        required
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="submit" className={danger ? 'danger small' : 'small'} disabled={busy}>
        {label}
      </button>
      <button type="button" className="secondary small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error ? <ErrorNote error={error} /> : null}
    </form>
  );
}
