import { useId, useRef } from 'react';
import { Button, Label } from 'react-aria-components';
import {
  explainWall,
  formatPaperTime,
  fromPaperWall,
  paperZoneLabel,
  type WallTime,
} from '../shell/paper-time';

export const WHEN_PUBLISHED: WallTime = { date: '', time: '' };

/**
 * What the date and time typed on the paper's clocks mean for the API's `effectiveAt`: nothing typed is
 * "when published" (null); half a time is refused here, in words, before anything is sent.
 */
export function effectiveFrom(
  wall: WallTime,
  zone: string,
): { ok: true; at: string | null } | { ok: false; message: string } {
  if (wall.date === '' && wall.time === '') return { ok: true, at: null };
  const resolved = fromPaperWall(wall, zone);
  if (!resolved) {
    return {
      ok: false,
      message:
        'Give both a date and a time, such as 2026-11-16 and 09:30, or neither to make it effective when published.',
    };
  }
  return { ok: true, at: resolved.instant.toISOString() };
}

/**
 * When a new legal version takes effect, typed on the paper's clocks whatever this computer's zone (the
 * schedule dialog's way: paper-time.ts does the daylight-saving arithmetic and says when a time is skipped or
 * repeated). Empty means when published. The API's refusal (a time in the past, or before the version it
 * follows) shows here, next to the field.
 */
export function EffectiveFromField(props: {
  value: WallTime;
  zone: string;
  onChange(value: WallTime): void;
  error?: string | undefined;
}) {
  const { value, zone } = props;
  const id = useId();
  const date = useRef<HTMLInputElement>(null);
  const resolved = fromPaperWall(value, zone);
  const empty = value.date === '' && value.time === '';
  const meaning = empty
    ? 'Takes effect when published.'
    : resolved
      ? (explainWall(value, resolved, zone) ?? `Takes effect ${formatPaperTime(resolved.instant, zone)}.`)
      : '';
  const invalid = props.error ? { 'aria-invalid': true, 'aria-errormessage': `${id}-error` } : {};
  return (
    <fieldset className="effective-from" aria-describedby={`${id}-zone ${id}-means`}>
      <legend>Effective from</legend>
      <p id={`${id}-zone`} className="hint">
        Times are {paperZoneLabel(zone, resolved?.instant ?? new Date())}, the paper’s time. Leave both empty
        for when published.
      </p>
      <div className="field-row">
        <div className="field">
          <Label htmlFor={`${id}-date`}>Effective date</Label>
          <input
            ref={date}
            id={`${id}-date`}
            type="date"
            value={value.date}
            onChange={(event) => props.onChange({ ...value, date: event.target.value })}
            {...invalid}
          />
        </div>
        <div className="field">
          <Label htmlFor={`${id}-time`}>Effective time</Label>
          <input
            id={`${id}-time`}
            type="time"
            value={value.time}
            onChange={(event) => props.onChange({ ...value, time: event.target.value })}
            {...invalid}
          />
        </div>
        {!empty && (
          <Button
            className="when-published"
            onPress={() => {
              props.onChange(WHEN_PUBLISHED);
              // The button goes with the time it clears: focus stays in the field rather than falling out.
              date.current?.focus();
            }}
          >
            When published
          </Button>
        )}
      </div>
      <p id={`${id}-means`} className="hint" aria-live="polite">
        {meaning}
      </p>
      {props.error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
