import type { ComponentChildren } from 'preact';
import { HONEYPOT_FIELD } from './reader-forms.js';

/** A form's problem, shown in the summary at the top and next to its field. */
export interface FormError {
  /** The field it belongs to (its name and id); none for the whole form. */
  field?: string | undefined;
  /** The id to link to, when the field's id is not its name (two forms on one page). */
  anchor?: string | undefined;
  /** Stable, for tests and logs; carried on the summary as data-error-code. */
  code: string;
  message: string;
}

/** What a form is drawn with: the values to put back, its error, and the hidden fields. */
export interface FormState {
  values: Record<string, string>;
  error?: FormError | null;
  csrf: string;
  back: string;
  /** The signed start time, for forms with the bot checks. */
  started?: string;
}

/**
 * The error summary GOV.UK-style: announced (role=alert), focused on load (tabindex + autofocus, so
 * it works without JavaScript), each problem a link to its field.
 */
export function ErrorSummary(props: { error: FormError | null | undefined }) {
  const { error } = props;
  if (!error) return null;
  return (
    <div
      class="form-error"
      role="alert"
      tabindex={-1}
      autofocus
      id="form-errors"
      aria-labelledby="form-errors-title"
      data-error-code={error.code}
    >
      <h2 id="form-errors-title">There is a problem</h2>
      <ul>
        <li>
          {error.field ? <a href={`#${error.anchor ?? error.field}`}>{error.message}</a> : error.message}
        </li>
      </ul>
    </div>
  );
}

/** A labelled input; its hint and error are tied to it with aria-describedby. */
export function Field(props: {
  form: FormState;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autocomplete: string;
  hint?: ComponentChildren;
  required?: boolean;
  inputMode?: 'numeric' | 'email' | 'text';
  pattern?: string;
  maxLength?: number;
  /** Never echo a password back into the page. */
  keepValue?: boolean;
  id?: string;
}) {
  const { form, name } = props;
  const id = props.id ?? name;
  const error = form.error?.field === name ? form.error : null;
  const hintId = props.hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const value = props.keepValue === false || props.type === 'password' ? '' : (form.values[name] ?? '');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={hintId ?? undefined}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={errorId ?? undefined}>
          <span class="visually-hidden">Error: </span>
          {error.message}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={props.type ?? 'text'}
        autocomplete={props.autocomplete}
        value={value}
        required={props.required}
        inputMode={props.inputMode}
        pattern={props.pattern}
        maxLength={props.maxLength}
        aria-describedby={describedBy}
        aria-invalid={error ? 'true' : undefined}
        spellcheck={props.type === 'email' ? false : undefined}
      />
    </div>
  );
}

/** The CSRF token and the way back, on every form. */
export function HiddenFields(props: { form: FormState }) {
  return (
    <>
      <input type="hidden" name="csrf" value={props.form.csrf} />
      <input type="hidden" name="return" value={props.form.back} />
    </>
  );
}

/**
 * The bot checks: the signed start time, and the honeypot, moved off-screen and hidden from screen
 * readers and the keyboard, so only a program fills it.
 */
export function GuardFields(props: { form: FormState }) {
  return (
    <>
      <input type="hidden" name="started" value={props.form.started ?? ''} />
      {/* Inline, so the trap stays out of sight even where no stylesheet loads. */}
      <div
        class="form-trap"
        aria-hidden="true"
        style="position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden"
      >
        <label for={HONEYPOT_FIELD}>Leave this field empty</label>
        <input
          id={HONEYPOT_FIELD}
          name={HONEYPOT_FIELD}
          type="text"
          tabindex={-1}
          autocomplete="off"
          value=""
        />
      </div>
    </>
  );
}

/** A one-button form (sign out, end a session): the CSRF token, an optional hidden value, the button. */
export function ButtonForm(props: {
  action: string;
  csrf: string;
  back?: string;
  label: string;
  hidden?: Record<string, string>;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  return (
    <form method="post" action={props.action} class="button-form">
      <input type="hidden" name="csrf" value={props.csrf} />
      {props.back !== undefined ? <input type="hidden" name="return" value={props.back} /> : null}
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={`button button-${props.variant ?? 'secondary'}`}>
        {props.label}
      </button>
    </form>
  );
}

/** A short message after an action, read out by screen readers without moving focus. */
export function Notice(props: { children: ComponentChildren }) {
  return (
    <p class="notice sans" role="status">
      {props.children}
    </p>
  );
}
