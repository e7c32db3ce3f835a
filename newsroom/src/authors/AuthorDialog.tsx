import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Input, Label, TextArea, TextField } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import type { AuthorProfile, Staff } from '../api/types';
import { photoUrl } from '../photos/photo-files';
import { BusyButton } from '../shell/BusyButton';
import { ChoiceField } from '../shell/ChoiceField';
import { FormDialog } from '../shell/FormDialog';
import { Problem } from '../shell/Problem';
import { useSession } from '../shell/session';
import { PhotoLibrary } from '../story/photo-library';
import { type AuthorLink, LinksField, linkProblem } from './LinksField';

/** Creates an author profile (`author` null) or edits one: name, affiliation, bio, photo, links, staff account. */
export function AuthorDialog(props: { author: AuthorProfile | null; onClose(): void }) {
  const { author } = props;
  const client = useQueryClient();
  const { staff: me } = useSession();
  const [photo, setPhoto] = useState(author?.photoUrl ?? null);
  const [choosing, setChoosing] = useState(false);
  const [links, setLinks] = useState<AuthorLink[]>(author?.links ?? []);
  const [staffId, setStaffId] = useState(author?.staffId ?? '');
  const [problem, setProblem] = useState<Error | null>(null);
  // Only admins may list staff accounts (GET /staff); others see the profile's link without changing it.
  const mayLink = me?.role === 'admin' || me?.role === 'owner';
  const staff = useQuery({
    queryKey: ['staff'],
    queryFn: () => api<{ staff: Staff[] }>('/staff').then((r) => r.staff),
    enabled: mayLink,
  });
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      author
        ? api<AuthorProfile>(`/authors/${author.id}`, { method: 'PATCH', body })
        : api<AuthorProfile>('/authors', { method: 'POST', body }),
    onSuccess: props.onClose,
    onError: setProblem,
    onSettled: () => client.invalidateQueries({ queryKey: ['authors'] }),
  });
  const field = problem instanceof ApiError ? problem.field : null;
  const errorFor = (name: string) => (field === name ? problem?.message : undefined);
  const submit = (data: FormData) => {
    setProblem(null);
    const typedLinks = linkProblem(links);
    if (typedLinks) return setProblem(new ApiError(400, 'AUTHOR_INVALID', typedLinks, { field: 'links' }));
    const body: Record<string, unknown> = {
      name: String(data.get('name') ?? ''),
      affiliation: String(data.get('affiliation') ?? '') || null,
      bio: String(data.get('bio') ?? ''),
      photoUrl: photo,
      links,
    };
    if (mayLink && staffId !== (author?.staffId ?? '')) body.staffId = staffId || null;
    save.mutate(body);
  };
  const staffChoices = [
    { id: '', label: 'None (a guest contributor)' },
    ...(staff.data ?? []).map((s) => ({ id: s.id, label: `${s.name} (${s.email})` })),
  ];
  return (
    <FormDialog
      title={author ? `Edit ${author.name}` : 'New author'}
      onClose={props.onClose}
      onSubmit={submit}
    >
      <TextField
        className="field"
        name="name"
        defaultValue={author?.name ?? ''}
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
        name="affiliation"
        defaultValue={author?.affiliation ?? ''}
        isInvalid={field === 'affiliation'}
      >
        <Label>Affiliation</Label>
        <Input />
        <Problem text={errorFor('affiliation')} className="field-error" />
      </TextField>
      <TextField className="field" name="bio" defaultValue={author?.bio ?? ''} isInvalid={field === 'bio'}>
        <Label>Bio</Label>
        <TextArea rows={4} />
        <Problem text={errorFor('bio')} className="field-error" />
      </TextField>
      <fieldset className="field">
        <legend className="label">Photo</legend>
        <div className="link-row">
          {photo ? <img className="author-photo" src={photo} alt="" /> : <span>No photo</span>}
          <Button onPress={() => setChoosing(true)}>Choose photo</Button>
          {photo && <Button onPress={() => setPhoto(null)}>Remove photo</Button>}
        </div>
        <Problem text={errorFor('photoUrl')} className="field-error" />
      </fieldset>
      <LinksField links={links} onChange={setLinks} error={errorFor('links')} />
      {mayLink ? (
        <ChoiceField
          label="Staff account"
          choices={staffChoices}
          value={staffId}
          onChange={setStaffId}
          errorMessage={errorFor('staffId') ?? null}
        />
      ) : (
        <p className="detail">
          {author?.kind === 'staff' ? 'A staff member’s profile.' : 'A guest contributor.'}
        </p>
      )}
      {problem && !['name', 'affiliation', 'bio', 'photoUrl', 'links', 'staffId'].includes(field ?? '') && (
        <Problem text={problem.message} />
      )}
      <div className="actions">
        <Button onPress={props.onClose}>Cancel</Button>
        <BusyButton type="submit" className="primary" busy={save.isPending}>
          {author ? 'Save' : 'Create author'}
        </BusyButton>
      </div>
      {choosing && (
        <PhotoLibrary
          title="Choose the author's photo"
          onClose={() => setChoosing(false)}
          onChoose={(media) => {
            setPhoto(photoUrl(media, 400));
            setChoosing(false);
          }}
        />
      )}
    </FormDialog>
  );
}
