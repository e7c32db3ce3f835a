import { Heading } from 'react-aria-components';
import { BusyButton } from '../shell/BusyButton';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import type { FrontPage, FrontPagePick } from './front-page-queries';

/**
 * Someone saved the front page while this editor was ordering it (the API's 409): both orders side by
 * side, theirs as it is live now and this editor's, and the choice of which stands.
 */
export function StaleSave(props: {
  theirs: FrontPage;
  yours: FrontPagePick[];
  busy: boolean;
  onKeepTheirs(): void;
  onSaveYours(): void;
}) {
  const timeZone = usePaperTimeZone();
  const who = props.theirs.updatedBy?.name ?? 'Someone';
  const when = props.theirs.updatedAt ? ` at ${formatPaperTime(props.theirs.updatedAt, timeZone)}` : '';
  return (
    <section className="stale-save" aria-labelledby="stale-save-title" role="alert">
      <Heading level={2} id="stale-save-title">
        {who} saved the front page{when} while you were ordering it
      </Heading>
      <p>Readers see their order now. Choose which order stands.</p>
      <div className="stale-sides">
        <Side title={`Their order (${who}), live now`} picks={props.theirs.picks} />
        <Side title="Your order, not saved" picks={props.yours} />
      </div>
      <div className="actions">
        <BusyButton onPress={props.onKeepTheirs} busy={props.busy}>
          Keep their order
        </BusyButton>
        <BusyButton className="react-aria-Button primary" onPress={props.onSaveYours} busy={props.busy}>
          Save my order instead
        </BusyButton>
      </div>
    </section>
  );
}

function Side(props: { title: string; picks: FrontPagePick[] }) {
  return (
    <div>
      <h3>{props.title}</h3>
      {props.picks.length === 0 ? (
        <p className="empty">No picks: the newest published articles lead.</p>
      ) : (
        <ol aria-label={props.title}>
          {props.picks.map((p) => (
            <li key={p.articleId}>{p.headline || 'Untitled'}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
