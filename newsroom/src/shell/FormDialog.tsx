import type { FormEvent, ReactNode } from 'react';
import { Dialog, Form, Heading, Modal } from 'react-aria-components';

/** A modal dialog holding one form: Escape or a click outside closes it; submitting hands over the form's data. */
export function FormDialog(props: {
  title: string;
  onClose(): void;
  onSubmit(data: FormData): void;
  /** The server's refusals by field name, shown beside those fields. */
  validationErrors?: Record<string, string>;
  children: ReactNode;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSubmit(new FormData(event.currentTarget));
  };
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && props.onClose()} className="modal">
      <Dialog className="dialog">
        <Form onSubmit={submit} validationErrors={props.validationErrors ?? {}}>
          <Heading slot="title">{props.title}</Heading>
          {props.children}
        </Form>
      </Dialog>
    </Modal>
  );
}
