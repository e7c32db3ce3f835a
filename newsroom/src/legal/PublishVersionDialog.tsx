import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, FieldError, Input, Label, TextArea, TextField } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import { BusyButton } from '../shell/BusyButton';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { EffectiveFromField, effectiveFrom, WHEN_PUBLISHED } from './EffectiveFromField';
import { type LegalDocument, type LegalKind, whatReadersAreAsked } from './legal-queries';

const FIELDS = ['title', 'summaryOfChanges', 'body', 'effectiveAt'];

/**
 * Publishes the next version of one document, now or from a date and time on the paper's clocks; the form
 * starts from the version in force.
 */
export function PublishVersionDialog(props: {
  kind: LegalKind;
  name: string;
  current: LegalDocument | null;
  onClose(): void;
  onPublished(doc: LegalDocument): void;
}) {
  const queryClient = useQueryClient();
  const zone = usePaperTimeZone();
  const [requires, setRequires] = useState(false);
  const [from, setFrom] = useState(WHEN_PUBLISHED);
  const effective = effectiveFrom(from, zone);
  const [problem, setProblem] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const beside = (field: string) => (problem?.field === field ? problem.text : undefined);

  async function publish(data: FormData) {
    if (!effective.ok) return setProblem({ field: 'effectiveAt', text: effective.message });
    setBusy(true);
    try {
      const doc = await api<LegalDocument>(`/legal/${props.kind}/versions`, {
        method: 'POST',
        body: {
          title: String(data.get('title') ?? ''),
          summaryOfChanges: String(data.get('summaryOfChanges') ?? ''),
          body: String(data.get('body') ?? ''),
          requiresAcceptance: requires,
          ...(effective.at ? { effectiveAt: effective.at } : {}),
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
      <EffectiveFromField
        value={from}
        zone={zone}
        onChange={(next) => {
          setFrom(next);
          if (problem?.field === 'effectiveAt') setProblem(null);
        }}
        error={beside('effectiveAt')}
      />
      <label className="check">
        <input type="checkbox" checked={requires} onChange={(e) => setRequires(e.currentTarget.checked)} />
        Requires acceptance
      </label>
      <p className="asks" id="legal-asks">
        {whatReadersAreAsked(
          requires,
          effective.ok && effective.at ? formatPaperTime(effective.at, zone) : null,
        )}
      </p>
      {problem && !FIELDS.includes(problem.field ?? '') && (
        <Problem text={problem.text} className="form-error" />
      )}
      <div className="actions">
        <Button onPress={props.onClose}>Cancel</Button>
        <BusyButton type="submit" className="primary" aria-describedby="legal-asks" busy={busy}>
          Publish version
        </BusyButton>
      </div>
    </FormDialog>
  );
}
