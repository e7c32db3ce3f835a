import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { api } from '../api/client';
import type { StaffRole } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { ChoiceField } from '../shell/ChoiceField';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { grantableRoles, ROLE_LABELS, useApiTokens } from './staff-queries';
import { useSubmit } from './use-submit';

/** API tokens for integrations: the secret is shown once, when made, with a button to copy it. */
export function TokensPanel({ actorRole, timeZone }: { actorRole: StaffRole; timeZone: string }) {
  const client = useQueryClient();
  const tokens = useApiTokens();
  const [role, setRole] = useState('contributor');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useSubmit(['name', 'role']);
  const revoke = useSubmit();

  const make = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name') ?? '');
    void create.run(async () => {
      const made = await api<{ token: string }>('/tokens', { method: 'POST', body: { name, role } });
      setSecret({ name, token: made.token });
      setCopied(false);
      form.reset();
      await client.invalidateQueries({ queryKey: ['tokens'] });
    });
  };
  const copy = () =>
    void navigator.clipboard.writeText(secret?.token ?? '').then(
      () => setCopied(true),
      () => setCopied(false),
    );

  const live = (tokens.data ?? []).filter((t) => t.revokedAt === null);
  return (
    <section aria-labelledby="tokens-heading" className="staff-section">
      <h2 id="tokens-heading">API tokens</h2>
      <Form onSubmit={make} validationErrors={create.fieldErrors} className="token-form">
        <TextField name="name" isRequired maxLength={120} className="field">
          <Label>Token name</Label>
          <Input />
          <FieldError />
        </TextField>
        <ChoiceField
          label="Token role"
          choices={grantableRoles(actorRole)}
          value={role}
          onChange={setRole}
          errorMessage={create.fieldError('role')}
        />
        <BusyButton type="submit" className="primary" busy={create.busy}>
          Create token
        </BusyButton>
      </Form>
      <Problem text={create.formError ?? revoke.formError ?? tokens.error?.message} />
      {secret && (
        <div className="token-secret" role="status">
          <p>
            The token “{secret.name}”, shown this once: copy it now and keep it where the integration reads
            it.
          </p>
          <code>{secret.token}</code>
          <Button onPress={copy}>{copied ? 'Copied' : 'Copy token'}</Button>
        </div>
      )}
      {live.length === 0 ? (
        <p className="empty">No API token is in use.</p>
      ) : (
        <ul className="plain-list">
          {live.map((token) => (
            <li key={token.id}>
              <span>
                <strong>{token.name}</strong> · {ROLE_LABELS[token.role]} · made{' '}
                {formatPaperTime(token.createdAt, timeZone, { short: true })} · last used{' '}
                {token.lastUsedAt ? formatPaperTime(token.lastUsedAt, timeZone, { short: true }) : 'never'}
              </span>
              <BusyButton
                aria-label={`Revoke the token ${token.name}`}
                busy={revoke.busy}
                onPress={() =>
                  void revoke.run(async () => {
                    await api(`/tokens/${token.id}`, { method: 'DELETE' });
                    await client.invalidateQueries({ queryKey: ['tokens'] });
                  })
                }
              >
                Revoke
              </BusyButton>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
