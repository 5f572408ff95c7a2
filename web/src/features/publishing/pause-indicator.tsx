// In the top bar while publishing is paused, for those who can see the switch: what is paused and why.
import { Link } from 'wouter';
import type { Me } from '../../api/types.js';
import { usePublishingStatus } from './hooks.js';
import { publishingPermissionsOf } from './permissions.js';

export function PauseIndicator({ me }: { me: Me }) {
  const status = usePublishingStatus(publishingPermissionsOf(me).viewPublishingStatus);
  if (!status.data?.paused) return null;
  return (
    <Link href="/publishing" className="paused-flag" title={status.data.reason ?? undefined}>
      Publishing paused{status.data.reason ? `: ${status.data.reason}` : ''}
    </Link>
  );
}
