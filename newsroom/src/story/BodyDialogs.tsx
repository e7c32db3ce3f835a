import { type FormEvent, useState } from 'react';
import { Button, Dialog, Form, Heading, Input, Label, Modal, TextField } from 'react-aria-components';

/** Small dialogs of the body editor; their code loads when one is first opened. */
function BodyDialog(props: {
  title: string;
  onClose(): void;
  onSubmit(data: FormData): void;
  children: React.ReactNode;
  submit: string;
  extra?: React.ReactNode;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSubmit(new FormData(event.currentTarget));
  };
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && props.onClose()} className="modal">
      <Dialog className="dialog">
        <Form onSubmit={submit}>
          <Heading slot="title">{props.title}</Heading>
          {props.children}
          <div className="actions">
            {props.extra}
            <Button onPress={props.onClose}>Cancel</Button>
            <Button type="submit" className="primary">
              {props.submit}
            </Button>
          </div>
        </Form>
      </Dialog>
    </Modal>
  );
}

/** The Link button's dialog: the address for the selected words, or removing their link. */
export function LinkDialog(props: { href: string; onClose(): void; onLink(href: string | null): void }) {
  const [href, setHref] = useState(props.href);
  return (
    <BodyDialog
      title="Link"
      submit="Apply"
      onClose={props.onClose}
      onSubmit={() => props.onLink(href.trim() === '' ? null : href.trim())}
      extra={props.href ? <Button onPress={() => props.onLink(null)}>Remove link</Button> : null}
    >
      <TextField className="field" value={href} onChange={setHref} autoFocus type="url">
        <Label>Link address</Label>
        <Input placeholder="https://…" />
      </TextField>
    </BodyDialog>
  );
}

/** An embed by its address (a post, a video, a map), with an optional caption. */
export function EmbedDialog(props: { onClose(): void; onEmbed(url: string, caption: string): void }) {
  return (
    <BodyDialog
      title="Embed"
      submit="Insert"
      onClose={props.onClose}
      onSubmit={(data) =>
        props.onEmbed(String(data.get('url') ?? '').trim(), String(data.get('caption') ?? '').trim())
      }
    >
      <TextField className="field" name="url" type="url" isRequired autoFocus>
        <Label>Embed address</Label>
        <Input placeholder="https://…" />
      </TextField>
      <TextField className="field" name="caption">
        <Label>Caption</Label>
        <Input />
      </TextField>
    </BodyDialog>
  );
}
