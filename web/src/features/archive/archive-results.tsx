// Search results: one row per item with the searched words marked, its status, and a link to its history.
import { Link } from 'wouter';
import type { ArchiveFilters } from '../../api/types.js';
import { Highlighted } from '../../components/highlight.js';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useArchiveSearch } from './hooks.js';
import { spansFor } from './permissions.js';
import { ArchiveStatus } from './status-label.js';

export function ArchiveResults({ filters }: { filters: ArchiveFilters }) {
  const search = useArchiveSearch(filters);
  if (search.isPending) return <Loading what="archive results" />;
  if (search.isError) return <ErrorNote error={search.error} />;
  const hits = search.data.pages.flatMap((p) => p.items);
  if (hits.length === 0) return <Empty>Nothing in the archive matches this search.</Empty>;
  return (
    <>
      <p role="status" className="muted">
        {hits.length} item{hits.length === 1 ? '' : 's'} shown{search.hasNextPage ? ' (more below)' : ''}.
      </p>
      <ol className="archive-hits">
        {hits.map((h) => (
          <li key={`${h.kind}-${h.id}`}>
            <div className="hit-meta">
              <Link href={`/archive/${h.kind}/${h.id}`}>
                {h.kind === 'post' ? 'Our post' : 'Received'} · {formatTime(h.occurredAt)}
              </Link>
              <span>{h.author.handle ?? h.author.id}</span>
              <ArchiveStatus status={h.status} redacted={h.redacted} />
              {h.categories.map((c) => (
                <span key={c} className="badge">
                  {c}
                </span>
              ))}
            </div>
            {h.redacted ? (
              <p className="muted">Text removed under the retention rules.</p>
            ) : (
              <Highlighted text={h.text} spans={spansFor(h.text, filters.q)} />
            )}
          </li>
        ))}
      </ol>
      {search.hasNextPage && (
        <button
          type="button"
          className="secondary"
          onClick={() => search.fetchNextPage()}
          disabled={search.isFetchingNextPage}
        >
          More results
        </button>
      )}
    </>
  );
}
