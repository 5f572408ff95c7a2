// The inbound item a reply answers, shown above the composer.
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.js';
import type { InboundDetail } from '../../api/types.js';
import { ErrorNote, Loading } from '../../components/status.js';

export function useInboundItem(id: string | null) {
  return useQuery({
    queryKey: ['inbound', id],
    queryFn: () => get<InboundDetail>(`/api/v1/inbound/${id}`),
    enabled: id !== null,
  });
}

export function ReplyContext({ itemId }: { itemId: string }) {
  const item = useInboundItem(itemId);
  if (item.isPending) return <Loading what="the message you are replying to" />;
  if (item.isError) return <ErrorNote error={item.error} />;
  return (
    <section className="panel" aria-label="Replying to">
      <p className="muted">
        Replying to @{item.data.author.handle} on {item.data.platform}:
      </p>
      <blockquote className="quoted">{item.data.text}</blockquote>
    </section>
  );
}
