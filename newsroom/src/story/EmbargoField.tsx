import { useEffect, useState } from 'react';
import { Button, Label } from 'react-aria-components';
import { explainWall, fromPaperWall, paperZoneLabel, toPaperWall, type WallTime } from '../shell/paper-time';

const EMPTY: WallTime = { date: '', time: '' };

/**
 * The hard embargo, typed on the paper's clocks (the zone is named): the server publishes nothing before it,
 * whoever asks. Saved with the other fields once both date and time are given; "Lift embargo" clears it. A
 * refusal (a publish before it, an embargo past the schedule) shows here, next to the field.
 */
export function EmbargoField(props: {
  value: string | null;
  timeZone: string;
  onChange(value: string | null): void;
  error?: string | undefined;
  /** The article is published: the server refuses a new embargo (readers have it), so the field is shut. */
  live?: boolean;
}) {
  const { value, timeZone } = props;
  const [wall, setWall] = useState<WallTime>(() => (value ? toPaperWall(value, timeZone) : EMPTY));
  // Follow the saved value when it changes from elsewhere (a merge, a restore, the paper's zone arriving).
  useEffect(() => {
    setWall((typed) => {
      const now = fromPaperWall(typed, timeZone);
      if (value === null) return typed.date && typed.time && now ? EMPTY : typed;
      return now?.instant.toISOString() === value ? typed : toPaperWall(value, timeZone);
    });
  }, [value, timeZone]);

  const resolved = fromPaperWall(wall, timeZone);
  const typed = (change: Partial<WallTime>) => {
    const next = { ...wall, ...change };
    setWall(next);
    if (next.date === '' && next.time === '') return props.onChange(null);
    const instant = fromPaperWall(next, timeZone)?.instant.toISOString();
    if (instant && instant !== value) props.onChange(instant);
  };
  const note = resolved ? explainWall(wall, resolved, timeZone) : null;
  return (
    <fieldset className="embargo-field" aria-describedby="embargo-hint">
      <legend>Embargo</legend>
      <p id="embargo-hint" className="hint">
        {paperZoneLabel(timeZone, resolved?.instant ?? new Date())}.{' '}
        {props.live
          ? 'This article is live: an embargo cannot hold it back (unpublish it first).'
          : 'Nothing is published before this time, whoever asks.'}
        {note ? ` ${note}` : ''}
      </p>
      <div className="field-row">
        <div className="field">
          <Label htmlFor="embargo-date">Embargo date</Label>
          <input
            id="embargo-date"
            type="date"
            value={wall.date}
            disabled={props.live}
            aria-invalid={props.error ? true : undefined}
            aria-errormessage={props.error ? 'embargo-error' : undefined}
            onChange={(event) => typed({ date: event.target.value })}
          />
        </div>
        <div className="field">
          <Label htmlFor="embargo-time">Embargo time</Label>
          <input
            id="embargo-time"
            type="time"
            value={wall.time}
            disabled={props.live}
            aria-invalid={props.error ? true : undefined}
            aria-errormessage={props.error ? 'embargo-error' : undefined}
            onChange={(event) => typed({ time: event.target.value })}
          />
        </div>
        {value && (
          <Button
            onPress={() => {
              setWall(EMPTY);
              props.onChange(null);
            }}
          >
            Lift embargo
          </Button>
        )}
      </div>
      {props.error && (
        <p id="embargo-error" className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
