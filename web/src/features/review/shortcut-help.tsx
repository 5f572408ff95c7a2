// The always-visible shortcut legend, and the full list behind "?".
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts.js';

export function ShortcutLegend({ onHelp }: { onHelp(): void }) {
  return (
    <p className="legend">
      <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>c</kbd> claim · <kbd>a</kbd> allow ·{' '}
      <kbd>h</kbd> hide · <kbd>d</kbd> delete · <kbd>b</kbd> block · <kbd>e</kbd> escalate ·{' '}
      <button type="button" className="link" onClick={onHelp}>
        <kbd>?</kbd> all shortcuts
      </button>
    </p>
  );
}

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div
      className="panel help"
      role="dialog"
      aria-modal="false"
      aria-labelledby="shortcut-help-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === '?') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
      <p className="muted">They work anywhere on this page except while you type in a field.</p>
      <dl className="facts">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="fact-row">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" ref={close} className="secondary small" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
