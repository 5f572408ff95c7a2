// The licence gate: a banner for users who may not post yet, saying why and where to fix it.
import { Link } from 'wouter';
import { useMyLicence } from './hooks.js';

export function LicenceBanner() {
  const licence = useMyLicence();
  if (!licence.data || licence.data.canPost) return null;
  return (
    <div className="gate" role="alert">
      <strong>You may not post yet.</strong> {licence.data.message}{' '}
      {licence.data.reason?.startsWith('agreement') ? (
        <Link href="/licence">Read and accept the agreement</Link>
      ) : (
        <Link href="/licence">See your licence to post</Link>
      )}
    </div>
  );
}
