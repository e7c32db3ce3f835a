import { type FormEvent, useState } from 'react';
import { FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import { BusyButton } from '../shell/BusyButton';
import { Problem } from '../shell/Problem';

/** Downloads the consent ledger as CSV for a range of days (GET /consents.csv?from=&to=, admins and above). */
export function LedgerExport() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const beside = (field: string) => (problem?.field === field ? problem.text : undefined);

  async function download(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const query = new URLSearchParams();
      if (from) query.set('from', from);
      if (to) query.set('to', to);
      const csv = await api<string>(`/consents.csv?${query}`, { as: 'text' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      link.download = `consents${from ? `-from-${from}` : ''}${to ? `-to-${to}` : ''}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setProblem({
        field: error instanceof ApiError ? error.field : null,
        text: error instanceof Error ? error.message : String(error),
      });
    } finally {
      setBusy(false);
    }
  }

  const day = (name: 'from' | 'to', label: string, value: string, set: (v: string) => void) => (
    <TextField
      className="field"
      value={value}
      onChange={set}
      isInvalid={Boolean(beside(name))}
      validationBehavior="aria"
    >
      <Label>{label}</Label>
      <Input type="date" />
      <FieldError className="field-error">{beside(name)}</FieldError>
    </TextField>
  );

  return (
    <section aria-labelledby="ledger-heading" className="ledger-export">
      <h2 id="ledger-heading">Consent ledger</h2>
      <p>
        Every consent readers gave, as CSV for an audit: erased readers' entries stay, their reader shown as
        “deleted” and their address only as a keyed hash (subject_hash).
      </p>
      <Form className="filters" onSubmit={(event) => void download(event)}>
        {day('from', 'From (day, inclusive)', from, setFrom)}
        {day('to', 'To (day, inclusive)', to, setTo)}
        <BusyButton type="submit" busy={busy}>
          Export CSV
        </BusyButton>
      </Form>
      {problem && problem.field !== 'from' && problem.field !== 'to' && <Problem text={problem.text} />}
    </section>
  );
}
