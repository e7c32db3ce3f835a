import { Type } from 'typebox';
import { COMMENT_TEXT_MAX, CONTEXT_MAX, MENTIONS_MAX, POSITION_MAX, QUOTE_MAX } from './comment.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Time = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ArticleParams = Type.Object({ id: Id });
export const ThreadParams = Type.Object({ id: Id, threadId: Id });
export const CommentParams = Type.Object({ id: Id, commentId: Id });

const Position = Type.String({
  maxLength: POSITION_MAX,
  description:
    'Y.encodeRelativePosition(...) in base64: follows the text in the live document as it is edited.',
});

const Text = Type.String({
  minLength: 1,
  maxLength: COMMENT_TEXT_MAX,
  description: 'Plain text; a mention is written "@Name" by the client and listed in `mentions`.',
});

const Mentions = Type.Array(Id, {
  maxItems: MENTIONS_MAX,
  description:
    'Staff ids of the people mentioned. Each must be active and able to read the article; each (but the author) is mailed once.',
});

export const AnchorJson = Type.Object(
  {
    field: Type.Union([Type.Literal('body'), Type.Literal('headline'), Type.Literal('dek')], {
      description: 'The field the passage is in; `body` when not given.',
    }),
    start: Nullable(Position),
    end: Nullable(Position),
    quote: Type.String({
      minLength: 1,
      maxLength: QUOTE_MAX,
      description: 'The exact text of the passage (W3C Web Annotation TextQuoteSelector `exact`).',
    }),
    prefix: Type.String({
      maxLength: CONTEXT_MAX,
      description: 'Up to 32 characters just before the passage.',
    }),
    suffix: Type.String({
      maxLength: CONTEXT_MAX,
      description: 'Up to 32 characters just after the passage.',
    }),
  },
  { additionalProperties: false },
);

export const AnchorBody = Type.Object(
  {
    field: Type.Optional(AnchorJson.properties.field),
    start: Type.Optional(AnchorJson.properties.start),
    end: Type.Optional(AnchorJson.properties.end),
    quote: AnchorJson.properties.quote,
    prefix: Type.Optional(AnchorJson.properties.prefix),
    suffix: Type.Optional(AnchorJson.properties.suffix),
  },
  {
    additionalProperties: false,
    description:
      'The passage: relative positions when editing live (both or neither), and always the quote with its context.',
  },
);

export const NewThreadBody = Type.Object(
  { text: Text, anchor: AnchorBody, mentions: Type.Optional(Mentions) },
  { additionalProperties: false },
);

export const ReplyBody = Type.Object(
  { text: Text, mentions: Type.Optional(Mentions) },
  { additionalProperties: false },
);

export const CommentChangesBody = Type.Object(
  {
    text: Text,
    mentions: Type.Optional(
      Type.Array(Id, {
        maxItems: MENTIONS_MAX,
        description:
          'The mentions after the edit (kept when not given); only people newly mentioned are mailed.',
      }),
    ),
  },
  { additionalProperties: false },
);

const Person = Type.Object({
  id: Type.Union([Type.String(), Type.Null()], { description: 'Staff id; null for an API token.' }),
  name: Type.String(),
});

export const CommentJson = Type.Object({
  id: Type.String(),
  threadId: Type.String(),
  author: Person,
  text: Type.String(),
  mentions: Type.Array(Type.String()),
  createdAt: Time,
  editedAt: Type.Union([Time, Type.Null()]),
});

export const ThreadJson = Type.Object({
  id: Type.String({ description: "The thread's id, which is also its opening comment's." }),
  articleId: Type.String(),
  anchor: AnchorJson,
  status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
  resolvedAt: Type.Union([Time, Type.Null()]),
  resolvedBy: Type.Union([Person, Type.Null()]),
  createdAt: Time,
  comments: Type.Array(CommentJson, { description: 'Oldest first; the first opens the thread.' }),
});

export const ThreadListJson = Type.Object({
  version: Type.Integer({
    description:
      'Counts every change to the article’s comments; also the ETag, for If-None-Match polling (304).',
  }),
  threads: Type.Array(ThreadJson, { description: 'Open and resolved, oldest first.' }),
});
