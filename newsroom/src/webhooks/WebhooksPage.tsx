import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import { api } from '../api/client';
import type { Webhook } from '../api/types';
import '../sections/structure.css';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { DeliveryLog } from './DeliveryLog';
import { NewWebhookDialog } from './NewWebhookDialog';

/** Webhooks for integrators: register (the secret shown once), remove, and each one's delivery log. */
export function WebhooksPage() {
  const client = useQueryClient();
  const webhooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api<{ webhooks: Webhook[] }>('/webhooks').then((r) => r.webhooks),
  });
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState<{ id: string; text: string } | null>(null);
  const remove = useMutation({
    mutationFn: (hook: Webhook) => api(`/webhooks/${hook.id}`, { method: 'DELETE' }),
    onMutate: () => setProblem(null),
    onError: (error, hook) => setProblem({ id: hook.id, text: error.message }),
    onSettled: () => client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  const zone = usePaperTimeZone();
  const time = (at: string) => formatPaperTime(at, zone);
  const list = webhooks.data ?? [];
  return (
    <div className="structure">
      <div className="page-head">
        <h1>Webhooks</h1>
        <Button className="primary" onPress={() => setAdding(true)}>
          New webhook
        </Button>
      </div>
      {webhooks.error && <Problem text={webhooks.error.message} />}
      {webhooks.isPending ? (
        <p className="empty">Loading…</p>
      ) : list.length === 0 ? (
        <p className="empty">No webhook yet: integrators’ systems hear of published articles through them.</p>
      ) : (
        <ul className="rows" aria-label="Webhooks">
          {list.map((hook) => (
            <li key={hook.id}>
              <Disclosure className="webhook">
                <Heading level={2} className="row-name">
                  <Button slot="trigger" className="link-button" aria-label={`Delivery log of ${hook.url}`}>
                    {hook.url}
                  </Button>
                </Heading>
                <p className="detail">
                  {hook.events.join(', ')}
                  {hook.description ? ` · ${hook.description}` : ''} · added {time(hook.createdAt)}
                  {hook.disabledAt ? ` · removed ${time(hook.disabledAt)}` : ''}
                </p>
                {!hook.disabledAt && (
                  <Button aria-label={`Remove ${hook.url}`} onPress={() => remove.mutate(hook)}>
                    Remove
                  </Button>
                )}
                {problem?.id === hook.id && <Problem text={problem.text} />}
                <DisclosurePanel>
                  <DeliveryLog webhook={hook} />
                </DisclosurePanel>
              </Disclosure>
            </li>
          ))}
        </ul>
      )}
      {adding && <NewWebhookDialog onClose={() => setAdding(false)} />}
    </div>
  );
}
