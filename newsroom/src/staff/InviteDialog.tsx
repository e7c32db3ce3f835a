import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, FieldError, Input, Label, TextField } from 'react-aria-components';
import { api } from '../api/client';
import type { StaffRole } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { ChoiceField } from '../shell/ChoiceField';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';
import { grantableRoles } from './staff-queries';
import { useSubmit } from './use-submit';

/** "Invite": who, with which role; the server mails them a link that works once, for 72 hours. */
export function InviteDialog(props: { actorRole: StaffRole; onClose(): void; onSent(email: string): void }) {
  const client = useQueryClient();
  const [role, setRole] = useState<string>('editor');
  const submit = useSubmit(['email', 'name', 'role']);

  const send = (data: FormData) => {
    const email = String(data.get('email') ?? '');
    const name = String(data.get('name') ?? '');
    void submit
      .run(async () => {
        await api('/staff/invitations', { method: 'POST', body: { email, name, role } });
        await client.invalidateQueries({ queryKey: ['invitations'] });
      })
      .then((ok) => ok && props.onSent(email));
  };

  return (
    <FormDialog
      title="Invite to the newsroom"
      onClose={props.onClose}
      onSubmit={send}
      validationErrors={submit.fieldErrors}
    >
      <TextField name="email" type="email" isRequired autoFocus maxLength={254} className="field">
        <Label>Email</Label>
        <Input />
        <FieldError />
      </TextField>
      <TextField name="name" isRequired maxLength={120} className="field">
        <Label>Name</Label>
        <Input />
        <FieldError />
      </TextField>
      <ChoiceField
        label="Role"
        choices={grantableRoles(props.actorRole)}
        value={role}
        onChange={setRole}
        errorMessage={submit.fieldError('role')}
      />
      <Problem text={submit.formError} />
      <div className="actions">
        <Button onPress={props.onClose}>Cancel</Button>
        <BusyButton type="submit" className="primary" busy={submit.busy}>
          Send invitation
        </BusyButton>
      </div>
    </FormDialog>
  );
}
