import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Checkbox, CheckboxGroup, Input, Label, TextField } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import { WEBHOOK_EVENTS, type Webhook } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';

/** Registers a webhook; the answer's signing secret is shown here once, and never again. */
export function NewWebhookDialog(props: { onClose(): void }) {
  const client = useQueryClient();
  const [events, setEvents] = useState<string[]>(['article.published']);
  const [problem, setProblem] = useState<Error | null>(null);
  const create = useMutation({
    mutationFn: (body: { url: string; events: string[]; description: string }) =>
      api<{ secret: string; webhook: Webhook }>('/webhooks', { method: 'POST', body }),
    onError: setProblem,
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  const field = problem instanceof ApiError ? problem.field : null;
  const errorFor = (name: string) => (field === name ? problem?.message : undefined);
  if (create.data) {
    return (
      <FormDialog title="Webhook added" onClose={props.onClose} onSubmit={props.onClose}>
        <p>
          Deliveries to {create.data.webhook.url} are signed with this secret. Copy it now: it is not shown
          again.
        </p>
        <p className="secret">{create.data.secret}</p>
        <div className="actions">
          <Button type="submit" className="primary" autoFocus>
            Done
          </Button>
        </div>
      </FormDialog>
    );
  }
  const submit = (data: FormData) => {
    setProblem(null);
    create.mutate({
      url: String(data.get('url') ?? ''),
      events,
      description: String(data.get('description') ?? ''),
    });
  };
  return (
    <FormDialog title="New webhook" onClose={props.onClose} onSubmit={submit}>
      <TextField className="field" name="url" type="url" isRequired autoFocus isInvalid={field === 'url'}>
        <Label>URL</Label>
        <Input placeholder="https://" />
        <Problem text={errorFor('url')} className="field-error" />
      </TextField>
      <CheckboxGroup className="field" value={events} onChange={setEvents} isInvalid={field === 'events'}>
        <Label>Events</Label>
        {WEBHOOK_EVENTS.map((event) => (
          <Checkbox key={event} value={event}>
            <span className="checkbox-box" aria-hidden="true" />
            {event}
          </Checkbox>
        ))}
        <Problem text={errorFor('events')} className="field-error" />
      </CheckboxGroup>
      <TextField className="field" name="description" isInvalid={field === 'description'}>
        <Label>Description</Label>
        <Input />
        <Problem text={errorFor('description')} className="field-error" />
      </TextField>
      {problem && !['url', 'events', 'description'].includes(field ?? '') && (
        <Problem text={problem.message} />
      )}
      <div className="actions">
        <Button onPress={props.onClose}>Cancel</Button>
        <BusyButton type="submit" className="primary" busy={create.isPending}>
          Add webhook
        </BusyButton>
      </div>
    </FormDialog>
  );
}
