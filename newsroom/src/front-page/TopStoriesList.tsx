import { Button, GridList, GridListItem, type Key, useDragAndDrop } from 'react-aria-components';
import { STATUS_LABELS } from '../desk/budget-search';
import type { FrontPagePick } from './front-page-queries';

/** Moves the dragged picks before or after the pick they were dropped on, keeping their own order. */
export function reorder(
  picks: FrontPagePick[],
  moved: Set<Key>,
  target: Key,
  where: 'before' | 'after' | 'on',
): FrontPagePick[] {
  const taken = picks.filter((p) => moved.has(p.articleId));
  const rest = picks.filter((p) => !moved.has(p.articleId));
  const at = rest.findIndex((p) => p.articleId === target);
  if (at < 0) return picks;
  const index = where === 'before' ? at : at + 1;
  return [...rest.slice(0, index), ...taken, ...rest.slice(index)];
}

/**
 * The top stories in order, reordered by dragging a row, or by keyboard: the row's drag handle (arrow
 * right from the row, then Enter), the arrow keys to the new place, Enter to drop. React Aria announces
 * each step; `onMoved` hears the new order to say where the story went.
 */
export function TopStoriesList(props: {
  picks: FrontPagePick[];
  onChange(picks: FrontPagePick[], moved?: FrontPagePick): void;
  label: string;
}) {
  const { dragAndDropHooks } = useDragAndDrop({
    getItems: (keys) =>
      [...keys].map((key) => ({
        'text/plain': props.picks.find((p) => p.articleId === key)?.headline ?? String(key),
      })),
    onReorder(event) {
      const next = reorder(props.picks, event.keys, event.target.key, event.target.dropPosition);
      const moved = props.picks.find((p) => event.keys.has(p.articleId));
      props.onChange(next, moved);
    },
  });
  return (
    <GridList
      aria-label={props.label}
      className="top-stories"
      items={props.picks}
      dragAndDropHooks={dragAndDropHooks}
      renderEmptyState={() => (
        <p className="empty">No story is picked: the newest published articles lead.</p>
      )}
    >
      {(pick) => {
        const position = props.picks.indexOf(pick) + 1;
        return (
          <GridListItem id={pick.articleId} textValue={pick.headline || 'Untitled'}>
            <Button slot="drag" className="drag-handle" aria-label={`Move “${pick.headline || 'Untitled'}”`}>
              <span aria-hidden="true">⠿</span>
            </Button>
            <span className="position" aria-hidden="true">
              {position}
            </span>
            <span className="pick-headline">{pick.headline || 'Untitled'}</span>
            <span className={pick.showsNow ? 'pick-shows' : 'pick-waits'}>
              {pick.showsNow
                ? 'On the page'
                : pick.status === 'published'
                  ? 'Below the top stories'
                  : `Waits: ${STATUS_LABELS[pick.status].toLowerCase()}`}
            </span>
            <Button
              className="link-button"
              aria-label={`Remove “${pick.headline || 'Untitled'}”`}
              onPress={() => props.onChange(props.picks.filter((p) => p.articleId !== pick.articleId))}
            >
              Remove
            </Button>
          </GridListItem>
        );
      }}
    </GridList>
  );
}
