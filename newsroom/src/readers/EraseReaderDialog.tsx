import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { api } from '../api/client';
import { BusyButton } from '../shell/BusyButton';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';
import type { ConsentProof, ReaderDetail } from './reader-queries';

export interface Erased {
  readerId: string;
  erasedAt: string;
  kept: ConsentProof;
}

/** Says what goes and what stays before a reader is erased on request (DELETE /readers/{id}). */
export function EraseReaderDialog(props: {
  reader: ReaderDetail;
  onClose(): void;
  onErased(erased: Erased): void;
}) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { entries, subjectHashes } = props.reader.consentProof;

  async function erase() {
    setBusy(true);
    try {
      const erased = await api<Erased>(`/readers/${props.reader.id}`, { method: 'DELETE' });
      queryClient.removeQueries({ queryKey: ['reader', props.reader.id] });
      await queryClient.invalidateQueries({ queryKey: ['readers'] });
      props.onErased(erased);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <FormDialog title={`Erase ${props.reader.email}?`} onClose={props.onClose} onSubmit={() => void erase()}>
      <p>Erased for good, now:</p>
      <ul>
        <li>the account: address, name, password, newsletter choices;</li>
        <li>
          {props.reader.sessions.length} signed-in{' '}
          {props.reader.sessions.length === 1 ? 'session' : 'sessions'} and every mailed link;
        </li>
        <li>mail still waiting to be sent to the address.</li>
      </ul>
      <p>What stays, as the law asks: the keyed consent proof.</p>
      <ul>
        <li>
          {entries} consent {entries === 1 ? 'entry' : 'entries'} in the ledger, the reader shown as
          “deleted”;
        </li>
        <li>
          the address only as a keyed hash (subject_hash):{' '}
          {subjectHashes.length > 0 ? subjectHashes.map((h) => <code key={h}>{h}</code>) : 'none'}.
        </li>
      </ul>
      <p>The erasure is recorded in the activity log with your name.</p>
      <Problem text={problem} className="form-error" />
      <div className="actions">
        <Button onPress={props.onClose} autoFocus>
          Cancel
        </Button>
        <BusyButton type="submit" className="primary danger" busy={busy}>
          Erase reader
        </BusyButton>
      </div>
    </FormDialog>
  );
}
