import type { BodyNode } from '../api/types';
import { formatPaperTime } from '../shell/paper-time';
import type { StoryFields } from './story-fields';

export interface PublishCheck {
  label: string;
  ok: boolean;
  /** What to do about it, when not ok. */
  fix?: string;
  /** A refusal the server will make (NOT_PUBLISHABLE, EMBARGOED), not just advice. */
  blocks: boolean;
  /** Which check it is, where one is worked out again (the embargo, against the time chosen to schedule). */
  key?: 'embargo';
}

/**
 * The hard embargo against the moment the article would go live (now, or the scheduled time), with the
 * embargo's time in the paper's zone. The server refuses whoever asks, so it blocks.
 */
export function embargoCheck(embargoUntil: string | null, at: Date, timeZone: string): PublishCheck {
  if (!embargoUntil) return { key: 'embargo', label: 'No embargo', ok: true, blocks: true };
  const until = formatPaperTime(embargoUntil, timeZone);
  const lifted = at.getTime() >= Date.parse(embargoUntil);
  return {
    key: 'embargo',
    label: lifted ? `Embargo lifted (${until})` : `Embargo until ${until}`,
    ok: lifted,
    fix: 'nothing can be published before then, whoever asks; schedule it for that time or later.',
    blocks: true,
  };
}

/** Search results and front pages cut a headline near this length. */
export const HEADLINE_ADVISED = 90;

/**
 * What the server's publish step checks (checkPublishable and the photo check: headline, section, an author,
 * a body, each photo's credit and alt text), worked out here so the list shows before anyone presses
 * Publish; plus the headline's length, which is advice. The server still has the last word, and its message is
 * shown if it refuses.
 */
export function publishChecks(
  fields: StoryFields,
  wordCount: number,
  live?: { at: Date; timeZone: string },
): PublishCheck[] {
  const lead = fields.leadImage;
  const images = (fields.body.content ?? []).filter((n: BodyNode) => n.type === 'image');
  const unCredited = images.filter((n) => !String(n.attrs?.credit ?? '').trim()).length;
  const noAlt = images.filter((n) => !String(n.attrs?.alt ?? '').trim()).length;
  const headline = fields.headline.trim();
  return [
    { label: 'Headline', ok: headline !== '', fix: 'Write a headline.', blocks: true },
    {
      label: `Headline length (${headline.length} characters)`,
      ok: headline.length <= HEADLINE_ADVISED,
      fix: `Search results cut headlines past ${HEADLINE_ADVISED} characters; consider a search headline.`,
      blocks: false,
    },
    { label: 'Section', ok: fields.section !== null, fix: 'Choose a section.', blocks: true },
    { label: 'Byline', ok: fields.authorIds.length > 0, fix: 'Credit at least one author.', blocks: true },
    { label: 'Body', ok: wordCount > 0, fix: 'The body is empty.', blocks: true },
    {
      label: 'Lead photo credit and alt text',
      ok: !lead || (lead.credit.trim() !== '' && lead.alt.trim() !== ''),
      fix: `The lead photo has no ${[!lead?.credit.trim() && 'credit', !lead?.alt.trim() && 'alt text'].filter(Boolean).join(' and no ')}.`,
      blocks: true,
    },
    {
      label: 'Photos in the body: credit and alt text',
      ok: unCredited === 0 && noAlt === 0,
      fix: `${unCredited} without a credit, ${noAlt} without alt text (unless the library has them).`,
      blocks: true,
    },
    ...(live ? [embargoCheck(fields.embargoUntil, live.at, live.timeZone)] : []),
  ];
}
