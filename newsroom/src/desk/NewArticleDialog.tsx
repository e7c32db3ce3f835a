import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Button, Dialog, Form, Heading, Input, Label, Modal, TextField } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import type { Article } from '../api/types';
import { BusyButton } from '../shell/BusyButton';

/** Asks for the headline (the one field the API needs), creates the draft and opens it. */
export function NewArticleDialog({ onClose }: { onClose(): void }) {
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const headline = String(new FormData(event.currentTarget).get('headline') ?? '');
    setBusy(true);
    try {
      const article = await api<Article>('/articles', { method: 'POST', body: { headline } });
      onClose();
      await navigate({ to: '/story/$id', params: { id: article.id } });
    } catch (error) {
      if (error instanceof Error) setProblem(error.message);
      if (!(error instanceof ApiError)) throw error;
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal isDismissable className="modal">
      <Dialog className="dialog">
        <Form onSubmit={(event) => void create(event)}>
          <Heading slot="title">New article</Heading>
          <TextField name="headline" isRequired autoFocus maxLength={300}>
            <Label>Headline</Label>
            <Input />
          </TextField>
          {problem && (
            <p role="alert" className="error">
              {problem}
            </p>
          )}
          <div className="actions">
            <Button onPress={onClose}>Cancel</Button>
            <BusyButton type="submit" className="primary" busy={busy}>
              Create draft
            </BusyButton>
          </div>
        </Form>
      </Dialog>
    </Modal>
  );
}
