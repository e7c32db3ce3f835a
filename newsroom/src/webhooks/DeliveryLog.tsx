import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { api } from '../api/client';
import type { Webhook, WebhookDelivery } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';

interface DeliveryPage {
  items: WebhookDelivery[];
  nextCursor: string | null;
}

/** A webhook's deliveries, newest first, with a Redeliver button on each (sent again at once). */
export function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const client = useQueryClient();
  const zone = usePaperTimeZone();
  const key = ['webhooks', webhook.id, 'deliveries'];
  const log = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) =>
      api<DeliveryPage>(
        `/webhooks/${webhook.id}/deliveries?${new URLSearchParams(pageParam ? { cursor: pageParam } : {})}`,
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const redeliver = useMutation({
    mutationFn: (delivery: WebhookDelivery) =>
      api(`/webhooks/${webhook.id}/deliveries/${delivery.id}/redeliver`, { method: 'POST' }),
    onMutate: () => setProblem(null),
    onError: (error) => setProblem(error.message),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
  const deliveries = log.data?.pages.flatMap((p) => p.items) ?? [];
  if (log.isPending) return <p className="empty">Loading the delivery log…</p>;
  if (log.error) return <Problem text={log.error.message} />;
  if (deliveries.length === 0) return <p className="empty">Nothing has been sent to this webhook yet.</p>;
  return (
    <>
      <Problem text={problem} />
      <table className="log-table">
        <caption className="visually-hidden">Deliveries to {webhook.url}</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Queued</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last answer</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td>{d.event}</td>
              <td>{formatPaperTime(d.createdAt, zone)}</td>
              <td>{d.status}</td>
              <td>{d.attempts}</td>
              <td>{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—')}</td>
              <td>
                {!webhook.disabledAt && (
                  <Button
                    aria-label={`Redeliver ${d.event} of ${formatPaperTime(d.createdAt, zone)}`}
                    onPress={() => redeliver.mutate(d)}
                  >
                    Redeliver
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.hasNextPage && (
        <BusyButton busy={log.isFetchingNextPage} onPress={() => void log.fetchNextPage()}>
          Older deliveries
        </BusyButton>
      )}
    </>
  );
}
