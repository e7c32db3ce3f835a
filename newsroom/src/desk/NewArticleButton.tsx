import { useState } from 'react';
import { Button, DialogTrigger } from 'react-aria-components';
import { later } from '../shell/later';

export const NewArticleDialog = later(() => import('./NewArticleDialog').then((m) => m.NewArticleDialog));

/** "New article": opens the dialog that asks for the headline (its code loads on first use). */
export function NewArticleButton() {
  const [open, setOpen] = useState(false);
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="primary" onHoverStart={NewArticleDialog.preload} onFocus={NewArticleDialog.preload}>
        New article
      </Button>
      {open && <NewArticleDialog onClose={() => setOpen(false)} />}
    </DialogTrigger>
  );
}
