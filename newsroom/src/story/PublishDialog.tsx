import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { type FormEvent, useState } from 'react';
import { Button, Dialog, Form, Heading, Label, Modal } from 'react-aria-components';
import { Problem } from '../shell/Problem';
import type { PublishCheck } from './publish-checks';

/** The checks, each with ✓ or what to fix. */
function Checks({ checks }: { checks: PublishCheck[] }) {
  return (
    <ul className="checks" aria-label="Pre-publish checks">
      {checks.map((check) => (
        <li key={check.label} className={check.ok ? 'ok' : 'problem'}>
          {check.ok ? '✓ ' : check.blocks ? '✗ ' : '! '}
          {check.label}
          {!check.ok && check.fix ? `: ${check.fix}` : ''}
        </li>
      ))}
    </ul>
  );
}

/**
 * Publish or schedule, after the pre-publish checks. A schedule is entered and shown in the paper's time zone
 * (TZDate does the daylight-saving arithmetic), and sent as an instant.
 */
export function PublishDialog(props: {
  mode: 'publish' | 'schedule';
  checks: PublishCheck[];
  timeZone: string;
  problem: string | null;
  busy: boolean;
  onClose(): void;
  onConfirm(at?: string): void;
}) {
  const [when, setWhen] = useState(() =>
    format(new TZDate(Date.now() + 60 * 60_000, props.timeZone), "yyyy-MM-dd'T'HH:mm"),
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (props.mode === 'publish') return props.onConfirm();
    const [date, time] = when.split('T');
    const [y, m, d] = (date ?? '').split('-').map(Number);
    const [h, min] = (time ?? '').split(':').map(Number);
    props.onConfirm(new TZDate(y ?? 0, (m ?? 1) - 1, d ?? 1, h ?? 0, min ?? 0, props.timeZone).toISOString());
  };
  const blocked = props.checks.some((c) => c.blocks && !c.ok);
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && props.onClose()} className="modal">
      <Dialog className="dialog">
        <Form onSubmit={submit}>
          <Heading slot="title">
            {props.mode === 'publish' ? 'Publish this article' : 'Schedule publication'}
          </Heading>
          <Checks checks={props.checks} />
          {blocked && <p>The server will refuse until the ✗ items are fixed.</p>}
          {props.mode === 'schedule' && (
            <div className="field">
              <Label htmlFor="schedule-at">Publish at ({props.timeZone})</Label>
              <input
                id="schedule-at"
                name="at"
                type="datetime-local"
                required
                value={when}
                onChange={(event) => setWhen(event.target.value)}
              />
            </div>
          )}
          <Problem text={props.problem} />
          <div className="actions">
            <Button onPress={props.onClose}>Cancel</Button>
            <Button type="submit" className="primary" isDisabled={props.busy}>
              {props.mode === 'publish' ? 'Publish now' : 'Schedule'}
            </Button>
          </div>
        </Form>
      </Dialog>
    </Modal>
  );
}
