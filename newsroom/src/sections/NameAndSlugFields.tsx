import { Input, Label, Text, TextField } from 'react-aria-components';
import { ApiError } from '../api/client';
import { Problem } from '../shell/Problem';

/** The Name and Address (slug) fields of a section or tag, each with the API's refusal beside it. */
export function NameAndSlugFields(props: {
  name: string;
  slug: string;
  problem: Error | null;
  slugHelp?: string;
}) {
  const field = props.problem instanceof ApiError ? props.problem.field : null;
  const errorFor = (name: string) => (field === name ? props.problem?.message : undefined);
  return (
    <>
      <TextField
        className="field"
        name="name"
        defaultValue={props.name}
        isRequired
        autoFocus
        isInvalid={field === 'name'}
      >
        <Label>Name</Label>
        <Input />
        <Problem text={errorFor('name')} className="field-error" />
      </TextField>
      <TextField
        className="field"
        name="slug"
        defaultValue={props.slug}
        isRequired
        isInvalid={field === 'slug'}
      >
        <Label>Address (slug)</Label>
        <Input />
        {props.slugHelp && <Text slot="description">{props.slugHelp}</Text>}
        <Problem text={errorFor('slug')} className="field-error" />
      </TextField>
    </>
  );
}

/** Whether an error belongs beside none of these fields, so it shows under the form instead. */
export function isFormProblem(problem: Error | null, fields: readonly string[]): problem is Error {
  if (!problem) return false;
  return !(problem instanceof ApiError && problem.field !== null && fields.includes(problem.field));
}
