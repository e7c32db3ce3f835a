import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { api } from '../api/client';
import type { Tag } from '../api/types';
import { isFormProblem, NameAndSlugFields } from '../sections/NameAndSlugFields';
import { BusyButton } from '../shell/BusyButton';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';

/** Renames a tag or changes its address; the old address then leads to the new one. */
export function TagRenameDialog(props: { tag: Tag; onClose(): void }) {
  const { tag } = props;
  const client = useQueryClient();
  const [problem, setProblem] = useState<Error | null>(null);
  const save = useMutation({
    mutationFn: (body: { name?: string; slug?: string }) => api(`/tags/${tag.id}`, { method: 'PATCH', body }),
    onSuccess: props.onClose,
    onError: setProblem,
    onSettled: () => client.invalidateQueries({ queryKey: ['tags'] }),
  });
  const submit = (data: FormData) => {
    setProblem(null);
    const name = String(data.get('name') ?? '');
    const slug = String(data.get('slug') ?? '');
    const body = { ...(name !== tag.name ? { name } : {}), ...(slug !== tag.slug ? { slug } : {}) };
    if (Object.keys(body).length === 0) return props.onClose();
    save.mutate(body);
  };
  return (
    <FormDialog title={`Rename ${tag.name}`} onClose={props.onClose} onSubmit={submit}>
      <NameAndSlugFields
        name={tag.name}
        slug={tag.slug}
        problem={problem}
        slugHelp="The old address keeps working: it leads readers to the new one."
      />
      {isFormProblem(problem, ['name', 'slug']) && <Problem text={problem.message} />}
      <div className="actions">
        <Button onPress={props.onClose}>Cancel</Button>
        <BusyButton type="submit" className="primary" busy={save.isPending}>
          Save
        </BusyButton>
      </div>
    </FormDialog>
  );
}
