import { Type } from 'typebox';
import { ARTICLE_STATUSES } from '../articles/index.js';
import { MAX_PICKS, TOP_STORIES } from './front-page.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);

export const FrontPagePickOut = Type.Object({
  articleId: Id,
  headline: Type.String(),
  status: Type.String({ description: `One of: ${ARTICLE_STATUSES.join(', ')}.` }),
  publishedAt: NullableTime,
  scheduledAt: NullableTime,
  showsNow: Type.Boolean({
    description: `Published and among the first ${TOP_STORIES} published picks: on the front page now.`,
  }),
});

export const FrontPageOut = Type.Object({
  revision: Type.Integer({ description: 'Send it back with the next save.' }),
  updatedAt: NullableTime,
  updatedBy: Type.Union([
    Type.Null(),
    Type.Object({ staffId: Type.Union([Type.String(), Type.Null()]), name: Type.String() }),
  ]),
  picks: Type.Array(FrontPagePickOut),
});

export const ArrangeFrontPageBody = Type.Object(
  {
    revision: Type.Integer({ minimum: 1, description: 'The revision this order is based on.' }),
    articleIds: Type.Array(Id, {
      maxItems: MAX_PICKS,
      description:
        `The top stories in order, first on top. Any article may be picked; the front page shows the ` +
        `first ${TOP_STORIES} that are published and fills up with the newest. An empty list leaves it to the newest.`,
    }),
  },
  { additionalProperties: false },
);
