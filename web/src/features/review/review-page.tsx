// The review queue: lanes, filters, SLA clocks and keyboard-driven triage of the open item.
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { ErrorNote, Loading } from '../../components/status.js';
import { BulkBar } from './bulk-bar.js';
import { DECISIONS } from './decide-form.js';
import { type QueueFilters as Filters, useItemAction, useQueue } from './hooks.js';
import { ItemPanel } from './item-panel.js';
import { QueueFilters } from './queue-filters.js';
import { QueueList } from './queue-list.js';
import { ShortcutHelp, ShortcutLegend } from './shortcut-help.js';
import { useShortcuts } from './shortcuts.js';

const focusRow = (index: number) =>
  document.querySelector<HTMLElement>(`.queue [data-row="${Math.max(0, index)}"]`)?.focus();

export function ReviewPage({
  id,
  meId,
  canListUsers,
}: {
  id: string | null;
  meId: string;
  canListUsers: boolean;
}) {
  const [, navigate] = useLocation();
  const [filters, setFilters] = useState<Filters>({ lane: 'all' });
  const queue = useQueue(filters);
  const items = queue.data?.items ?? [];
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // A decision being confirmed belongs to one item: opening another item drops it.
  const [pendingFor, setPendingFor] = useState<{ id: string; decision: string } | null>(null);
  const pending = pendingFor && pendingFor.id === id ? pendingFor.decision : null;
  const setPending = (decision: string | null) => setPendingFor(decision && id ? { id, decision } : null);
  const [help, setHelp] = useState(false);
  const [message, setMessage] = useState('');
  const refocus = useRef(false);
  const act = useItemAction(id ?? '');

  // After a decision the item leaves the queue: put the keyboard on the row that took its place.
  useEffect(() => {
    if (refocus.current && !queue.isFetching) {
      refocus.current = false;
      const next = Math.min(cursor, items.length - 1);
      setCursor(Math.max(0, next));
      focusRow(next);
    }
  }, [queue.isFetching, items.length, cursor]);

  const move = (delta: number) => {
    if (items.length === 0) return;
    // The first j/k from elsewhere on the page lands on the row under the cursor.
    if (!document.activeElement?.closest('.queue')) return focusRow(Math.min(cursor, items.length - 1));
    const next = Math.min(items.length - 1, Math.max(0, cursor + delta));
    setCursor(next);
    focusRow(next);
  };
  const toggle = (itemId: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (!n.delete(itemId)) n.add(itemId);
      return n;
    });
  const decide = (decision: string) => {
    const target = id ?? items[cursor]?.id;
    if (!target) return;
    if (!id) navigate(`/review/${target}`);
    setPendingFor({ id: target, decision });
  };
  const onEscape = () => {
    if (help) setHelp(false);
    else if (pending) setPending(null);
    else if (id) {
      navigate('/review');
      setTimeout(() => focusRow(cursor), 0);
    }
  };
  const enter = (): boolean => {
    // A focused link or button handles Enter itself; from the page, Enter opens the row under the cursor.
    const el = document.activeElement;
    if (el && el !== document.body && el.id !== 'main') return false;
    if (items[cursor]) navigate(`/review/${items[cursor].id}`);
    return true;
  };
  useShortcuts((key) => {
    const decision = DECISIONS.find((d) => d.key === key);
    if (decision) decide(decision.decision);
    else if (key === 'j' || key === 'ArrowDown') move(1);
    else if (key === 'k' || key === 'ArrowUp') move(-1);
    else if (key === 'Enter') return enter();
    else if (key === 'x' && items[cursor]) toggle(items[cursor].id);
    else if (key === 'c' && id) act.mutate({ kind: 'claim' });
    else if (key === 'r' && id) act.mutate({ kind: 'release' });
    else if (key === '?') setHelp((h) => !h);
    else if (key === 'Escape') onEscape();
    else return false;
    return true;
  });

  return (
    <>
      <h1>Review queue</h1>
      <ShortcutLegend onHelp={() => setHelp(true)} />
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      <QueueFilters filters={filters} counts={queue.data?.counts} onChange={setFilters} />
      <p role="status" className="ok">
        {message}
      </p>
      {act.isError && <ErrorNote error={act.error} />}
      <div className="review-layout">
        <section aria-label="Queue" className="queue-column">
          {queue.isPending ? (
            <Loading what="the queue" />
          ) : queue.isError ? (
            <ErrorNote error={queue.error} />
          ) : items.length === 0 ? (
            <p className="empty">Nothing waits for review here. Well done.</p>
          ) : (
            <>
              <BulkBar items={items} selected={selected} onDone={() => setSelected(new Set())} />
              <QueueList
                items={items}
                cursor={cursor}
                openId={id}
                selected={selected}
                onToggle={toggle}
                onCursor={setCursor}
              />
            </>
          )}
        </section>
        <section aria-label="Open item" className="item-column">
          {id ? (
            <ItemPanel
              key={id}
              id={id}
              meId={meId}
              canListUsers={canListUsers}
              pending={pending}
              onPending={setPending}
              onDecided={(text) => {
                setMessage(text);
                refocus.current = true;
                navigate('/review');
              }}
            />
          ) : (
            <p className="empty">Choose an item: move with j and k, open it with Enter.</p>
          )}
        </section>
      </div>
    </>
  );
}
