import { type FormEvent, useState } from 'react';
import { Button, Dialog, Form, Heading, Label, Modal } from 'react-aria-components';
import { BusyButton } from '../shell/BusyButton';
import { Problem } from '../shell/Problem';
import {
  explainWall,
  formatPaperTime,
  fromPaperWall,
  paperZoneLabel,
  toPaperWall,
} from '../shell/paper-time';
import { embargoCheck, type PublishCheck } from './publish-checks';

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

/** An hour from now, or the embargo's time when that is later: the first time the server would take. */
function firstChoice(embargoUntil: string | null): Date {
  const inAnHour = Date.now() + 60 * 60_000;
  return new Date(Math.max(inAnHour, embargoUntil ? Date.parse(embargoUntil) : 0));
}

/**
 * Publish or schedule, after the pre-publish checks. A schedule's date and time are typed on the paper's
 * clocks, whatever this computer's zone (paper-time.ts does the daylight-saving arithmetic and says when a
 * time is skipped or repeated), and sent as an instant. The embargo is checked against the chosen time.
 */
export function PublishDialog(props: {
  mode: 'publish' | 'schedule';
  checks: PublishCheck[];
  timeZone: string;
  embargoUntil: string | null;
  problem: string | null;
  busy: boolean;
  onClose(): void;
  onConfirm(at?: string): void;
}) {
  const { timeZone } = props;
  const [wall, setWall] = useState(() => toPaperWall(firstChoice(props.embargoUntil), timeZone));
  const resolved = props.mode === 'schedule' ? fromPaperWall(wall, timeZone) : null;
  const note = resolved ? explainWall(wall, resolved, timeZone) : null;
  const checks =
    resolved && props.mode === 'schedule'
      ? props.checks.map((c) =>
          c.key === 'embargo' ? embargoCheck(props.embargoUntil, resolved.instant, timeZone) : c,
        )
      : props.checks;
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (props.mode === 'publish') return props.onConfirm();
    if (!resolved) return setInvalid('Give a date and a time, such as 2026-11-16 and 09:30.');
    setInvalid(null);
    props.onConfirm(resolved.instant.toISOString());
  };
  const blocked = checks.some((c) => c.blocks && !c.ok);
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && props.onClose()} className="modal">
      <Dialog className="dialog">
        <Form onSubmit={submit}>
          <Heading slot="title">
            {props.mode === 'publish' ? 'Publish this article' : 'Schedule publication'}
          </Heading>
          <Checks checks={checks} />
          {blocked && <p>The server will refuse until the ✗ items are fixed.</p>}
          {props.mode === 'schedule' && (
            <fieldset className="when" aria-describedby="schedule-zone schedule-means">
              <legend>Publish at</legend>
              <p id="schedule-zone" className="hint">
                Times are {paperZoneLabel(timeZone, resolved?.instant ?? new Date())}, the paper’s time.
              </p>
              <div className="field-row">
                <div className="field">
                  <Label htmlFor="schedule-date">Date</Label>
                  <input
                    id="schedule-date"
                    type="date"
                    required
                    value={wall.date}
                    onChange={(event) => setWall({ ...wall, date: event.target.value })}
                  />
                </div>
                <div className="field">
                  <Label htmlFor="schedule-time">Time</Label>
                  <input
                    id="schedule-time"
                    type="time"
                    required
                    value={wall.time}
                    onChange={(event) => setWall({ ...wall, time: event.target.value })}
                  />
                </div>
              </div>
              <p id="schedule-means" className="hint" aria-live="polite">
                {note ?? (resolved ? `Goes live ${formatPaperTime(resolved.instant, timeZone)}.` : '')}
              </p>
            </fieldset>
          )}
          <Problem text={invalid ?? props.problem} />
          <div className="actions">
            <Button onPress={props.onClose}>Cancel</Button>
            <BusyButton type="submit" className="primary" busy={props.busy}>
              {props.mode === 'publish' ? 'Publish now' : 'Schedule'}
            </BusyButton>
          </div>
        </Form>
      </Dialog>
    </Modal>
  );
}
