import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { api } from '../api/client';
import type { StaffRole } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { ChoiceField } from '../shell/ChoiceField';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';
import { grantableRoles, type StaffLine } from './staff-queries';
import { useSubmit } from './use-submit';

function useChangeStaff(person: StaffLine, onDone: () => void) {
  const client = useQueryClient();
  const submit = useSubmit(['role', 'disabled']);
  const change = (body: { role?: string; disabled?: boolean }) =>
    void submit
      .run(async () => {
        await api(`/staff/${person.id}`, { method: 'PATCH', body });
        await client.invalidateQueries({ queryKey: ['staff'] });
        await client.invalidateQueries({ queryKey: ['tokens'] });
      })
      .then((ok) => ok && onDone());
  return { submit, change };
}

/** A new role; the server refuses demoting the last owner and raising anyone above the actor's reach. */
export function RoleDialog(props: { person: StaffLine; actorRole: StaffRole; onClose(): void }) {
  const [role, setRole] = useState<string>(props.person.role);
  const { submit, change } = useChangeStaff(props.person, props.onClose);
  const choices = grantableRoles(props.actorRole);
  // An owner's or admin's current role is listed for an admin too, so the field shows what it is now.
  if (!choices.some((c) => c.id === props.person.role)) {
    choices.push({ id: props.person.role, label: props.person.role });
  }
  return (
    <FormDialog
      title={`Role of ${props.person.name}`}
      onClose={props.onClose}
      onSubmit={() => change({ role })}
    >
      <ChoiceField
        label="Role"
        choices={choices}
        value={role}
        onChange={setRole}
        errorMessage={submit.fieldError('role')}
      />
      <p className="hint">A lower role signs them out everywhere; their API tokens are capped at once.</p>
      <Problem text={submit.formError} />
      <div className="actions">
        <Button onPress={props.onClose}>Cancel</Button>
        <BusyButton type="submit" className="primary" busy={submit.busy}>
          Save role
        </BusyButton>
      </div>
    </FormDialog>
  );
}

/** Deactivating ends every session and API token of theirs at once; reactivating brings none back. */
export function DeactivateDialog(props: { person: StaffLine; onClose(): void }) {
  const { submit, change } = useChangeStaff(props.person, props.onClose);
  return (
    <FormDialog
      title={`Deactivate ${props.person.name}?`}
      onClose={props.onClose}
      onSubmit={() => change({ disabled: true })}
    >
      <p>
        {props.person.name} is signed out everywhere at once, their API tokens stop working, and they cannot
        sign in until reactivated. Their articles and activity stay.
      </p>
      <Problem text={submit.fieldError('disabled') ?? submit.formError} />
      <div className="actions">
        <Button onPress={props.onClose} autoFocus>
          Cancel
        </Button>
        <BusyButton type="submit" className="primary danger" busy={submit.busy}>
          Deactivate
        </BusyButton>
      </div>
    </FormDialog>
  );
}

/** Reactivation needs no confirming: it gives back only the right to sign in. */
export function ReactivateButton(props: { person: StaffLine }) {
  const { submit, change } = useChangeStaff(props.person, () => {});
  return (
    <>
      <BusyButton
        aria-label={`Reactivate ${props.person.name}`}
        busy={submit.busy}
        onPress={() => change({ disabled: false })}
      >
        Reactivate
      </BusyButton>
      <Problem text={submit.fieldError('disabled') ?? submit.formError} />
    </>
  );
}
