import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, FieldError, Input, Label, TextArea, TextField } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';
import { type LegalDocument, type LegalKind, whatReadersAreAsked } from './legal-queries';

const FIELDS = ['title', 'summaryOfChanges', 'body'];

/** Publishes the next version of one document; the form starts from the version in force. */
export function PublishVersionDialog(props: {
  kind: LegalKind;
  name: string;
  current: LegalDocument | null;
  onClose(): void;
  onPublished(doc: LegalDocument): void;
}) {
  const queryClient = useQueryClient();
  const [requires, setRequires] = useState(false);
  const [problem, setProblem] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const beside = (field: string) => (problem?.field === field ? problem.text : undefined);

  async function publish(data: FormData) {
    setBusy(true);
    try {
      const doc = await api<LegalDocument>(`/legal/${props.kind}/versions`, {
        method: 'POST',
        body: {
          title: String(data.get('title') ?? ''),
          summaryOfChanges: String(data.get('summaryOfChanges') ?? ''),
          body: String(data.get('body') ?? ''),
          requiresAcceptance: requires,
        },
      });
      await queryClient.invalidateQueries({ queryKey: ['legal'] });
      props.onPublished(doc);
    } catch (error) {
      const field = error instanceof ApiError ? error.field : null;
      setProblem({ field, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  const text = (name: string, label: string, initial: string, rows?: number) => (
    <TextField
      name={name}
      className="field"
      defaultValue={initial}
      // A refusal stays beside its field only until the field is changed.
      onChange={() => problem?.field === name && setProblem(null)}
      isInvalid={Boolean(beside(name))}
      validationBehavior="aria"
    >
      <Label>{label}</Label>
      {rows ? <TextArea rows={rows} /> : <Input />}
      <FieldError className="field-error">{beside(name)}</FieldError>
    </TextField>
  );

  return (
    <FormDialog
      title={`New version of the ${props.name}`}
      onClose={props.onClose}
      onSubmit={(data) => void publish(data)}
    >
      {text('title', 'Title', props.current?.title ?? props.name)}
      {text('summaryOfChanges', 'Summary of changes', '', 2)}
      {text('body', 'Text (Markdown)', props.current?.body ?? '', 12)}
      <label className="check">
        <input type="checkbox" checked={requires} onChange={(e) => setRequires(e.currentTarget.checked)} />
        Requires acceptance
      </label>
      <p className="asks" id="legal-asks">
        {whatReadersAreAsked(requires)}
      </p>
      {problem && !FIELDS.includes(problem.field ?? '') && (
        <Problem text={problem.text} className="form-error" />
      )}
      <div className="actions">
        <Button onPress={props.onClose}>Cancel</Button>
        <Button type="submit" className="primary" isDisabled={busy} aria-describedby="legal-asks">
          Publish version
        </Button>
      </div>
    </FormDialog>
  );
}
