import { useState } from 'react';
import {
  Button,
  Cell,
  Column,
  Dialog,
  Heading,
  Modal,
  Row,
  Table,
  TableBody,
  TableHeader,
} from 'react-aria-components';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { roleAtLeast } from '../shell/roles';
import { useStaff } from '../shell/session';
import {
  type LegalDocument,
  type LegalKind,
  type LegalOverview,
  useLegalOverview,
  useLegalVersion,
  useLegalVersions,
  whatReadersAreAsked,
} from './legal-queries';
import { PublishVersionDialog } from './PublishVersionDialog';
import './legal.css';

/** Legal documents: every version of the Terms of Use and the Privacy Policy, and publishing the next. */
export function LegalPage() {
  const overview = useLegalOverview();
  const zone = usePaperTimeZone();
  const [published, setPublished] = useState<LegalDocument | null>(null);
  return (
    <div className="legal-page">
      <div className="page-head">
        <h1>Legal documents</h1>
      </div>
      {published && (
        <p role="status" className="notice">
          Version {published.version} of the {published.kind === 'terms' ? 'Terms of Use' : 'Privacy Policy'}{' '}
          is published.{' '}
          {whatReadersAreAsked(
            published.requiresAcceptance,
            published.status === 'scheduled' ? formatPaperTime(published.effectiveAt, zone) : null,
          )}
        </p>
      )}
      {overview.isError && <Problem text={overview.error.message} />}
      {overview.data?.documents.map((doc) => (
        <LegalDocumentSection key={doc.kind} doc={doc} onPublished={setPublished} />
      ))}
    </div>
  );
}

type OverviewDoc = LegalOverview['documents'][number];

function LegalDocumentSection({
  doc,
  onPublished,
}: {
  doc: OverviewDoc;
  onPublished(doc: LegalDocument): void;
}) {
  const staff = useStaff();
  const zone = usePaperTimeZone();
  const versions = useLegalVersions(doc.kind);
  const [viewing, setViewing] = useState<number | null>(null);
  const [publishing, setPublishing] = useState(false);
  const current = useLegalVersion(doc.kind, publishing ? (doc.current?.version ?? null) : null);
  const headingId = `legal-${doc.kind}`;
  return (
    <section className="legal-document" aria-labelledby={headingId}>
      <div className="page-head">
        <h2 id={headingId}>{doc.name}</h2>
        {roleAtLeast(staff.role, 'admin') && (
          <Button className="primary" onPress={() => setPublishing(true)}>
            {`Publish a new ${doc.name} version`}
          </Button>
        )}
      </div>
      <p>
        {doc.current
          ? `In force: version ${doc.current.version}, since ${formatPaperTime(doc.current.effectiveAt, zone)}.`
          : 'No version in force yet: readers cannot sign up until there is one.'}
        {doc.scheduled &&
          ` Next: version ${doc.scheduled.version}, from ${formatPaperTime(doc.scheduled.effectiveAt, zone)}.`}
      </p>
      {versions.isError && <Problem text={versions.error.message} />}
      <Table aria-labelledby={headingId} className="data-table">
        <TableHeader>
          <Column isRowHeader>Version</Column>
          <Column>Title</Column>
          <Column>Status</Column>
          <Column>Readers asked to accept</Column>
          <Column>Effective</Column>
          <Column>Published by</Column>
          <Column>Text</Column>
        </TableHeader>
        <TableBody items={versions.data ?? []} renderEmptyState={() => 'No versions yet.'}>
          {(v) => (
            <Row id={v.id}>
              <Cell>{v.version}</Cell>
              <Cell>
                {v.title}
                {v.summaryOfChanges && <span className="detail"> · {v.summaryOfChanges}</span>}
              </Cell>
              <Cell>{v.status}</Cell>
              <Cell>{v.requiresAcceptance ? 'Yes' : 'No'}</Cell>
              <Cell>{formatPaperTime(v.effectiveAt, zone)}</Cell>
              <Cell>{v.publishedBy}</Cell>
              <Cell>
                <Button
                  onPress={() => setViewing(v.version)}
                  aria-label={`View version ${v.version} of the ${doc.name}`}
                >
                  View
                </Button>
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
      {viewing !== null && (
        <VersionDialog kind={doc.kind} version={viewing} onClose={() => setViewing(null)} />
      )}
      {publishing && (doc.current === null || current.data) && (
        <PublishVersionDialog
          kind={doc.kind}
          name={doc.name}
          current={current.data ?? null}
          onClose={() => setPublishing(false)}
          onPublished={(published) => {
            setPublishing(false);
            onPublished(published);
          }}
        />
      )}
    </section>
  );
}

function VersionDialog(props: { kind: LegalKind; version: number; onClose(): void }) {
  const doc = useLegalVersion(props.kind, props.version);
  const zone = usePaperTimeZone();
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && props.onClose()} className="modal wide">
      <Dialog className="dialog">
        <Heading slot="title">
          {doc.data ? `${doc.data.title}, version ${doc.data.version}` : 'Loading…'}
        </Heading>
        {doc.isError && <Problem text={doc.error.message} />}
        {doc.data && (
          <>
            <p className="detail">
              Effective {formatPaperTime(doc.data.effectiveAt, zone)} · published by {doc.data.publishedBy} ·{' '}
              {doc.data.requiresAcceptance ? 'readers asked to accept' : 'no new acceptance asked'}
            </p>
            {doc.data.summaryOfChanges && <p>{doc.data.summaryOfChanges}</p>}
            {/* It scrolls (a long text in a short window), so the keyboard must reach it: axe at 390 px. */}
            <section aria-label="The text of this version">
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs focus to be scrolled by keys */}
              <pre className="legal-body" tabIndex={0}>
                {doc.data.body}
              </pre>
            </section>
          </>
        )}
        <div className="actions">
          <Button onPress={props.onClose}>Close</Button>
        </div>
      </Dialog>
    </Modal>
  );
}
