import { type FormEvent, useState } from 'react';
import { Button, Checkbox, Form, Input, Label, TextField } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import type { SectionNode } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { ChoiceField } from '../shell/ChoiceField';
import { Problem } from '../shell/Problem';
import { SectionDialog } from './SectionDialog';
import { StructureTabs } from './StructureTabs';
import {
  parentChoices,
  patchSection,
  reorderPatches,
  useSectionChange,
  useSectionTree,
} from './section-queries';

/** The sections as a tree: add, rename, move, reorder by buttons, hide from the front page, delete. */
export function SectionsPage() {
  const tree = useSectionTree();
  const sections = tree.data ?? [];
  const [editing, setEditing] = useState<SectionNode | null>(null);
  // A refusal shows beside the row it concerns ("in use" beside the section one tried to delete).
  const [problem, setProblem] = useState<{ id: string; text: string } | null>(null);
  const change = useSectionChange(async (work: { id: string; run(): Promise<unknown> }) => {
    setProblem(null);
    try {
      await work.run();
    } catch (error) {
      setProblem({ id: work.id, text: error instanceof Error ? error.message : String(error) });
    }
  });
  const act = (id: string, run: () => Promise<unknown>) => change.mutate({ id, run });

  const move = (section: SectionNode, step: -1 | 1) =>
    act(section.id, async () => {
      for (const p of reorderPatches(sections, section, step))
        await patchSection(p.id, { position: p.position });
    });

  return (
    <div className="structure">
      <div className="page-head">
        <h1>Sections</h1>
      </div>
      <StructureTabs />
      <NewSectionForm sections={sections} />
      {tree.error && <Problem text={tree.error.message} />}
      {tree.isPending ? (
        <p className="empty">Loading…</p>
      ) : (
        <ol className="rows" aria-label="Section tree">
          {sections.map((section) => {
            const siblings = sections.filter((s) => s.parentId === section.parentId);
            const index = siblings.findIndex((s) => s.id === section.id);
            return (
              <li key={section.id} style={{ paddingLeft: `${section.depth * 1.75}rem` }}>
                <span className="row-name">
                  <strong>{section.name}</strong> <span className="detail">/section/{section.path}</span>
                </span>
                <Checkbox
                  isSelected={!section.frontPageHidden}
                  onChange={(shown) =>
                    act(section.id, () => patchSection(section.id, { frontPageHidden: !shown }))
                  }
                >
                  <span className="checkbox-box" aria-hidden="true" />
                  On the front page
                </Checkbox>
                <span className="row-actions">
                  <Button
                    aria-label={`Move ${section.name} up`}
                    isDisabled={index <= 0}
                    onPress={() => move(section, -1)}
                  >
                    ↑ Up
                  </Button>
                  <Button
                    aria-label={`Move ${section.name} down`}
                    isDisabled={index === siblings.length - 1}
                    onPress={() => move(section, 1)}
                  >
                    ↓ Down
                  </Button>
                  <Button aria-label={`Edit ${section.name}`} onPress={() => setEditing(section)}>
                    Edit
                  </Button>
                  <Button
                    aria-label={`Delete ${section.name}`}
                    onPress={() =>
                      act(section.id, () => api(`/sections/${section.id}`, { method: 'DELETE' }))
                    }
                  >
                    Delete
                  </Button>
                </span>
                {problem?.id === section.id && <Problem text={problem.text} />}
              </li>
            );
          })}
        </ol>
      )}
      {editing && <SectionDialog section={editing} sections={sections} onClose={() => setEditing(null)} />}
    </div>
  );
}

function NewSectionForm({ sections }: { sections: readonly SectionNode[] }) {
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [problem, setProblem] = useState<ApiError | Error | null>(null);
  const add = useSectionChange((body: { name: string; parentId: string | null }) =>
    api<SectionNode>('/sections', { method: 'POST', body }),
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(null);
    add.mutate(
      { name, parentId: parentId || null },
      { onSuccess: () => setName(''), onError: (error) => setProblem(error) },
    );
  };
  const field = problem instanceof ApiError ? problem.field : null;
  return (
    <Form className="inline-form" onSubmit={submit} aria-label="New section">
      <TextField
        className="field"
        value={name}
        onChange={setName}
        isRequired
        isInvalid={field === 'name' || field === 'slug'}
      >
        <Label>New section name</Label>
        <Input />
      </TextField>
      <ChoiceField
        label="Parent section"
        choices={parentChoices(sections, null)}
        value={parentId}
        onChange={setParentId}
        errorMessage={field === 'parentId' ? problem?.message : null}
      />
      <BusyButton type="submit" className="primary" busy={add.isPending}>
        Add section
      </BusyButton>
      {field !== 'parentId' && <Problem text={problem?.message} />}
    </Form>
  );
}
