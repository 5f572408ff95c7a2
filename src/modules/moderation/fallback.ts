// Capability fallback, pure: what "hide this reply" (etc.) becomes on a platform that cannot do it, and why.
// platform-apis.md: Mastodon has no reply hiding (block + report + review instead); Instagram cannot block;
// X and Bluesky cannot delete someone else's reply (hide is the reversible alternative).
import type { Capability } from '../../connectors/types.js';

export const PLATFORM_ACTIONS = ['hide', 'unhide', 'delete', 'block', 'report', 'mute'] as const;
export type PlatformAction = (typeof PLATFORM_ACTIONS)[number];

const NEEDS: Record<PlatformAction, Capability> = {
  hide: 'hide_reply',
  unhide: 'unhide_reply',
  delete: 'delete_reply',
  block: 'block_author',
  report: 'report',
  mute: 'mute_author',
};

export interface ActionPlan {
  /** Platform operations to enqueue, in order. */
  ops: PlatformAction[];
  /** Set when ops is not simply [action]: what was done instead and why, for the action_fallback event. */
  fallback: { instead: PlatformAction[]; reason: string } | null;
  /** The item needs a person (the platform could not do what policy asked, or only part of it). */
  queue: boolean;
}

export const isPlatformAction = (a: string): a is PlatformAction =>
  (PLATFORM_ACTIONS as readonly string[]).includes(a);

export function planAction(
  action: PlatformAction,
  caps: ReadonlySet<Capability>,
  platform: string,
): ActionPlan {
  const can = (a: PlatformAction) => caps.has(NEEDS[a]);
  if (can(action)) return { ops: [action], fallback: null, queue: false };
  const pick = (...alts: PlatformAction[]) => alts.filter(can);
  const cannot = `${platform} cannot ${action === 'block' ? 'block an author' : `${action} a reply`}`;
  let ops: PlatformAction[];
  let why: string;
  switch (action) {
    case 'delete':
      // The reversible removal first; failing that, stop the author and tell the platform.
      ops = can('hide') ? ['hide'] : pick('block', 'report');
      why = can('hide') ? 'hid the reply instead (reversible)' : 'blocked and/or reported the author instead';
      break;
    case 'hide':
      ops = pick('block', 'report');
      why = 'the reply stays visible: blocked and/or reported the author instead, and queued it for a person';
      break;
    case 'block':
      ops = can('mute') ? ['mute'] : pick('hide', 'report');
      why = can('mute') ? 'muted the author instead' : 'hid and/or reported the reply instead';
      break;
    case 'mute':
      ops = pick('report');
      why = 'reported the reply instead';
      break;
    default:
      // unhide and report have no substitute.
      ops = [];
      why = 'nothing can be done on the platform';
  }
  if (ops.length === 0) why = 'nothing can be done on the platform; queued for a person';
  // Removal that did not happen on the platform always goes to a person.
  const queue = ops.length === 0 || ((action === 'hide' || action === 'delete') && !ops.includes('hide'));
  return { ops, fallback: { instead: ops, reason: `${cannot}; ${why}` }, queue };
}
