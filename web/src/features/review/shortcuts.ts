// Single-key shortcuts for triage. They never fire while the user types in a field, uses a modifier key, or
// has a dialog open, so a note can contain the letters a, h, d...
import { useEffect, useRef } from 'react';

export const SHORTCUTS: Array<[keys: string, what: string]> = [
  ['j / ↓', 'next item'],
  ['k / ↑', 'previous item'],
  ['Enter', 'open the item'],
  ['x', 'select or unselect the item for bulk actions'],
  ['c', 'claim the open item'],
  ['r', 'release it'],
  ['a', 'allow'],
  ['h', 'hide'],
  ['d', 'delete'],
  ['b', 'block the author'],
  ['e', 'escalate'],
  ['Esc', 'close the item or this help'],
  ['?', 'show or hide this help'],
];

const typingIn = (el: EventTarget | null): boolean => {
  if (!(el instanceof HTMLElement)) return false;
  return (
    el.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ||
    el.closest('[role="dialog"]') !== null
  );
};

/** Calls onKey(key) for plain key presses outside fields; it returns whether it handled the key. */
export function useShortcuts(onKey: (key: string) => boolean): void {
  const ref = useRef(onKey);
  ref.current = onKey;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (e.key !== 'Escape' && typingIn(e.target)) return;
      if (ref.current(e.key)) e.preventDefault();
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
