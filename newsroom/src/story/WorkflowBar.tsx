import { type FormEvent, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Group, Heading, Label, Modal } from 'react-aria-components';
import { api } from '../api/client';
import type { Article, ArticleStatus, StaffRole } from '../api/types';
import { useStaff } from '../shell/session';
import type { StorySaver } from './story-saver';

type Action = 'submit' | 'publish' | 'schedule' | 'unpublish';

const AT_LEAST_REPORTER: StaffRole[] = ['reporter', 'editor', 'admin', 'owner'];

/** Which steps this role may offer from this status (the server checks again, and says why if not). */
function offered(role: StaffRole, status: ArticleStatus): Set<Action | 'update'> {
  const steps = new Set<Action | 'update'>();
  if (status === 'draft') steps.add('submit');
  if (AT_LEAST_REPORTER.includes(role)) {
    if (status !== 'published') steps.add('publish').add('schedule');
    if (status === 'published') steps.add('update').add('unpublish');
  }
  return steps;
}

/**
 * The workflow's buttons. Each first sends what is unsaved (one save at a time, as always), then asks for the
 * step on the revision that save returned.
 */
export function WorkflowBar(props: { saver: StorySaver; status: ArticleStatus; flushBody(): void }) {
  const staff = useStaff();
  const [busy, setBusy] = useState(false);
  const steps = offered(staff.role, props.status);

  async function run(action: Action, at?: string) {
    setBusy(true);
    try {
      props.flushBody();
      await props.saver.settle();
      const state = props.saver.snapshot();
      if (state.status !== 'saved') return;
      const article = await api<Article>(`/articles/${state.article.id}/${action}`, {
        method: 'POST',
        body: { revision: state.article.revision, ...(at ? { at } : {}) },
      });
      props.saver.acknowledged(article);
    } catch (error) {
      props.saver.showError(error);
    } finally {
      setBusy(false);
    }
  }

  async function update() {
    setBusy(true);
    try {
      props.flushBody();
      await props.saver.settle({ live: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Group className="workflow" aria-label="Workflow">
      {steps.has('submit') && (
        <Button isPending={busy} onPress={() => void run('submit')}>
          Submit for review
        </Button>
      )}
      {steps.has('schedule') && <ScheduleButton busy={busy} onSchedule={(at) => void run('schedule', at)} />}
      {steps.has('publish') && (
        <Button className="primary" isPending={busy} onPress={() => void run('publish')}>
          Publish
        </Button>
      )}
      {steps.has('update') && (
        <Button className="primary" isPending={busy} onPress={() => void update()}>
          Update
        </Button>
      )}
      {steps.has('unpublish') && (
        <Button isPending={busy} onPress={() => void run('unpublish')}>
          Unpublish
        </Button>
      )}
    </Group>
  );
}

function ScheduleButton(props: { busy: boolean; onSchedule(at: string): void }) {
  function submit(event: FormEvent<HTMLFormElement>, close: () => void) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('at') ?? '');
    if (!value) return;
    close();
    props.onSchedule(new Date(value).toISOString());
  }
  return (
    <DialogTrigger>
      <Button isPending={props.busy}>Schedule</Button>
      <Modal isDismissable className="modal">
        <Dialog className="dialog">
          {({ close }) => (
            <Form onSubmit={(event) => submit(event, close)}>
              <Heading slot="title">Schedule publication</Heading>
              <div className="field">
                <Label htmlFor="schedule-at">Publish at (your computer's time zone)</Label>
                <input id="schedule-at" name="at" type="datetime-local" required />
              </div>
              <div className="actions">
                <Button onPress={close}>Cancel</Button>
                <Button type="submit" className="primary">
                  Schedule
                </Button>
              </div>
            </Form>
          )}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}
