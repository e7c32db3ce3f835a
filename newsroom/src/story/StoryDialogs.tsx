import { useState } from 'react';
import { Button, FieldError, Label, Radio, RadioGroup, TextArea, TextField } from 'react-aria-components';
import type { CorrectionKind } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';

/** A public, dated note on a published article: a correction (a fact was wrong) or a clarification. */
export function CorrectionDialog(props: {
  busy: boolean;
  problem: string | null;
  onClose(): void;
  onAdd(kind: CorrectionKind, text: string): void;
}) {
  const [kind, setKind] = useState<CorrectionKind>('correction');
  const [text, setText] = useState('');
  return (
    <FormDialog
      title="Add correction"
      onClose={props.onClose}
      onSubmit={() => props.onAdd(kind, text.trim())}
    >
      <RadioGroup value={kind} onChange={(v) => setKind(v as CorrectionKind)} className="field">
        <Label>Kind</Label>
        <Radio value="correction">Correction</Radio>
        <Radio value="clarification">Clarification</Radio>
      </RadioGroup>
      <TextField className="field" value={text} onChange={setText} isRequired autoFocus maxLength={2000}>
        <Label>Correction text</Label>
        <TextArea rows={4} placeholder="An earlier version of this article misstated…" />
        <FieldError />
      </TextField>
      <Problem text={props.problem} />
      <div className="actions">
        <Button onPress={props.onClose}>Cancel</Button>
        <BusyButton type="submit" className="primary" busy={props.busy}>
          Publish correction
        </BusyButton>
      </div>
    </FormDialog>
  );
}

/** Deleting a draft asks first: its addresses will answer "gone", and it leaves the budget. */
export function DeleteDialog(props: {
  headline: string;
  busy: boolean;
  problem: string | null;
  onClose(): void;
  onDelete(): void;
}) {
  return (
    <FormDialog title="Delete this draft?" onClose={props.onClose} onSubmit={props.onDelete}>
      <p>“{props.headline}” will be deleted with its history. This cannot be undone.</p>
      <Problem text={props.problem} />
      <div className="actions">
        <Button onPress={props.onClose} autoFocus>
          Keep it
        </Button>
        <BusyButton type="submit" className="primary danger" busy={props.busy}>
          Delete draft
        </BusyButton>
      </div>
    </FormDialog>
  );
}

/** The steps that put text before readers, and so ask first while suggestions are open (issue 17). */
export type LeavingOut = 'publish' | 'schedule' | 'update';

const LEAVE_OUT: Record<LeavingOut, { title: string; button: string }> = {
  publish: { title: 'Publish with open suggestions?', button: 'Publish without them' },
  schedule: { title: 'Schedule with open suggestions?', button: 'Schedule without them' },
  update: { title: 'Update with open suggestions?', button: 'Update without them' },
};

/**
 * The server refused the step because the body has open suggestions (409 SUGGESTIONS_OPEN). Readers get
 * the text as if each were rejected; the suggestions stay open here to be settled later.
 */
export function SuggestionsOpenDialog(props: {
  step: LeavingOut;
  count: number;
  busy: boolean;
  problem: string | null;
  onClose(): void;
  onLeaveOut(): void;
}) {
  const words = LEAVE_OUT[props.step];
  const count = props.count === 1 ? 'is 1 open suggestion' : `are ${props.count} open suggestions`;
  return (
    <FormDialog title={words.title} onClose={props.onClose} onSubmit={props.onLeaveOut}>
      <p>
        There {count} in the body. Readers will get the text without them, as if each were rejected. They stay
        open here, to be accepted or rejected later.
      </p>
      <Problem text={props.problem} />
      <div className="actions">
        <Button onPress={props.onClose} autoFocus>
          Cancel
        </Button>
        <BusyButton type="submit" className="primary" busy={props.busy}>
          {words.button}
        </BusyButton>
      </div>
    </FormDialog>
  );
}
