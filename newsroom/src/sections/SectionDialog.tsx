import { useState } from 'react';
import { Button } from 'react-aria-components';
import { ApiError } from '../api/client';
import type { SectionNode } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { ChoiceField } from '../shell/ChoiceField';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';
import { isFormProblem, NameAndSlugFields } from './NameAndSlugFields';
import { parentChoices, patchSection, useSectionChange } from './section-queries';

/** Renames a section, changes its address or moves it under another parent (its subsections follow). */
export function SectionDialog(props: {
  section: SectionNode;
  sections: readonly SectionNode[];
  onClose(): void;
}) {
  const { section } = props;
  const [parentId, setParentId] = useState(section.parentId ?? '');
  const [problem, setProblem] = useState<Error | null>(null);
  const save = useSectionChange((body: Record<string, unknown>) => patchSection(section.id, body));
  const field = problem instanceof ApiError ? problem.field : null;
  const submit = (data: FormData) => {
    setProblem(null);
    const body: Record<string, unknown> = {};
    const name = String(data.get('name') ?? '');
    const slug = String(data.get('slug') ?? '');
    if (name !== section.name) body.name = name;
    if (slug !== section.slug) body.slug = slug;
    if ((parentId || null) !== section.parentId) body.parentId = parentId || null;
    if (Object.keys(body).length === 0) return props.onClose();
    save.mutate(body, { onSuccess: props.onClose, onError: setProblem });
  };
  return (
    <FormDialog title={`Edit ${section.name}`} onClose={props.onClose} onSubmit={submit}>
      <NameAndSlugFields name={section.name} slug={section.slug} problem={problem} />
      <ChoiceField
        label="Parent section"
        choices={parentChoices(props.sections, section)}
        value={parentId}
        onChange={setParentId}
        errorMessage={field === 'parentId' ? problem?.message : null}
      />
      {isFormProblem(problem, ['name', 'slug', 'parentId']) && <Problem text={problem.message} />}
      <div className="actions">
        <Button onPress={props.onClose}>Cancel</Button>
        <BusyButton type="submit" className="primary" busy={save.isPending}>
          Save
        </BusyButton>
      </div>
    </FormDialog>
  );
}
