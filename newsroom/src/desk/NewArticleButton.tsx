import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, DialogTrigger } from 'react-aria-components';
import { later } from '../shell/later';
import type { BudgetSearch } from './budget-search';

export const NewArticleDialog = later(() => import('./NewArticleDialog').then((m) => m.NewArticleDialog));

/** "New article": opens the dialog that asks for the headline (its code loads on first use). */
export function NewArticleButton() {
  const [pressed, setPressed] = useState(false);
  const asked = useSearch({ from: '/' }).new === true;
  const navigate = useNavigate({ from: '/' });
  const open = pressed || asked;
  const setOpen = (value: boolean) => {
    setPressed(value);
    if (!value && asked) void navigate({ search: (prev: BudgetSearch) => ({ ...prev, new: undefined }) });
  };
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="primary" onHoverStart={NewArticleDialog.preload} onFocus={NewArticleDialog.preload}>
        New article
      </Button>
      {open && <NewArticleDialog onClose={() => setOpen(false)} />}
    </DialogTrigger>
  );
}
