import { useState } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { FormDialog } from '../shell/FormDialog';

/** The body editor's dialogs (their code loads when one is first opened), with Cancel and a submit button. */
function BodyDialog(props: {
  title: string;
  onClose(): void;
  onSubmit(data: FormData): void;
  children: React.ReactNode;
  submit: string;
  extra?: React.ReactNode;
}) {
  return (
    <FormDialog title={props.title} onClose={props.onClose} onSubmit={props.onSubmit}>
      {props.children}
      <div className="actions">
        {props.extra}
        <Button onPress={props.onClose}>Cancel</Button>
        <Button type="submit" className="primary">
          {props.submit}
        </Button>
      </div>
    </FormDialog>
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
