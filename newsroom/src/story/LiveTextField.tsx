import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { FieldError, Input, Label, TextArea, TextField } from 'react-aria-components';
import type * as Y from 'yjs';
import { applyChange, type Delta, moved } from './live-text';

/** Our own typing, so the field's observer does not apply it twice. */
const TYPING = Symbol('live-field-typing');

/**
 * Headline or dek bound to the live document's Y.Text (ADR 0031's `headline` and `dek`). Typing is sent
 * as the smallest change (the differing middle of the old and new value), so two people typing in
 * different places of one headline both keep their words. A change from someone else moves this
 * person's caret and selection with the text around them instead of throwing them to the end.
 */
export function LiveTextField(props: {
  text: Y.Text;
  name: 'headline' | 'dek';
  label: string;
  multiline?: boolean;
  readOnly: boolean;
  error?: string | undefined;
  /** The value after every change, local or remote (word count, preview, checks). */
  onValue(value: string): void;
}) {
  const { text, onValue } = props;
  const [value, setValue] = useState(() => text.toString());
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const caret = useRef<[number, number] | null>(null);
  const onValueRef = useRef(onValue);
  onValueRef.current = onValue;

  useEffect(() => {
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === TYPING) return;
      const input = field.current;
      if (input && document.activeElement === input) {
        const delta = event.delta as Delta;
        caret.current = [moved(input.selectionStart ?? 0, delta), moved(input.selectionEnd ?? 0, delta)];
      }
      const next = text.toString();
      setValue(next);
      onValueRef.current(next);
    };
    text.observe(observer);
    // What arrived between the first render and now (IndexedDB, the server).
    setValue(text.toString());
    return () => text.unobserve(observer);
  }, [text]);

  // After a remote change React has set the new value, which puts the caret at the end: put it back.
  useLayoutEffect(() => {
    const input = field.current;
    if (!caret.current || !input) return;
    input.setSelectionRange(caret.current[0], caret.current[1]);
    caret.current = null;
  });

  const change = (next: string) => {
    const doc = text.doc;
    if (!doc) return;
    doc.transact(() => applyChange(text, text.toString(), next), TYPING);
    setValue(next);
    onValue(next);
  };

  return (
    <TextField
      className={`field field-${props.name}`}
      value={value}
      onChange={change}
      isReadOnly={props.readOnly}
      isInvalid={Boolean(props.error)}
    >
      <Label>{props.label}</Label>
      {props.multiline ? <TextArea ref={field} rows={2} /> : <Input ref={field} />}
      <FieldError>{props.error}</FieldError>
    </TextField>
  );
}
