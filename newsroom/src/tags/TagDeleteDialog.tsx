import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { api } from '../api/client';
import type { CountedTag } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';

/**
 * Deleting a tag asks first. The server refuses while any article carries the tag (TAG_IN_USE, even when the
 * count on screen is out of date): its refusal shows here in its own words and the tag stays.
 */
export function TagDeleteDialog(props: { tag: CountedTag; onClose(): void; onDeleted(): void }) {
  const { tag } = props;
  const client = useQueryClient();
  const [problem, setProblem] = useState<Error | null>(null);
  const remove = useMutation({
    mutationFn: () => api<undefined>(`/tags/${tag.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      // Off every tag list at once, not after the refetch: the row must be gone when focus moves on.
      client.setQueriesData<CountedTag[]>({ queryKey: ['tags', 'counted'] }, (list) =>
        list?.filter((t) => t.id !== tag.id),
      );
      props.onDeleted();
    },
    onError: setProblem,
    // A refusal refreshes the counts too: the list may have said "0 articles" when it was not so.
    onSettled: () => client.invalidateQueries({ queryKey: ['tags'] }),
  });
  const submit = () => {
    setProblem(null);
    remove.mutate();
  };
  return (
    <FormDialog title={`Delete ${tag.name}?`} onClose={props.onClose} onSubmit={submit}>
      <p>
        “{tag.name}” goes for good, with /tag/{tag.slug} and any old address that led to it. A tag that
        articles carry cannot be deleted: take it off them first, or merge it into another tag.
      </p>
      <Problem text={problem?.message} />
      <div className="actions">
        <Button onPress={props.onClose} autoFocus>
          Keep it
        </Button>
        <BusyButton type="submit" className="primary danger" busy={remove.isPending}>
          Delete tag
        </BusyButton>
      </div>
    </FormDialog>
  );
}
