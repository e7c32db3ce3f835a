import { type Static, Type } from 'typebox';
import { ARTICLE_ACCESS, ARTICLE_STATUSES, CORRECTION_KINDS } from './article.js';
import { ARTICLE_SORT_HELP, ARTICLE_SORTS, LIST_TEXT_MAX } from './article-list.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);

/** The fields an editor may set; all optional on update, headline required on create. */
const editable = {
  headline: Type.String({ maxLength: 300 }),
  dek: Type.String({ maxLength: 600 }),
  dateline: Type.String({ maxLength: 120 }),
  slug: Type.String({ maxLength: 120 }),
  /** The structured document (ProseMirror/Tiptap JSON); checked in full by the service. */
  body: Type.Object({ type: Type.Literal('doc') }, { additionalProperties: true }),
  /** Markdown instead of `body`; converted on the server. */
  bodyMarkdown: Type.String({ maxLength: 500_000 }),
  /** A section id or its path ("world/europe"); null leaves the article without one. */
  section: Type.Union([Type.Null(), Type.String({ maxLength: 300 })]),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 30 }),
  authorIds: Type.Array(Id, { maxItems: 20 }),
  bylineSuffix: Type.String({ maxLength: 300 }),
  access: Type.Union(ARTICLE_ACCESS.map((a) => Type.Literal(a))),
  seoHeadline: Type.String({ maxLength: 300 }),
  seoDescription: Type.String({ maxLength: 600 }),
  /** A media item as the lead photo; caption, credit and alt here override the photo's own for this article. */
  leadImage: Type.Union([
    Type.Null(),
    Type.Object(
      {
        mediaId: Id,
        caption: Type.Optional(Type.String({ maxLength: 1000 })),
        credit: Type.Optional(Type.String({ maxLength: 300 })),
        alt: Type.Optional(Type.String({ maxLength: 1000 })),
      },
      { additionalProperties: false },
    ),
  ]),
  /** The hard embargo: an instant before which the server refuses to publish, or null to lift it. */
  embargoUntil: NullableTime,
};

export const CreateArticleBody = Type.Object(
  {
    ...Object.fromEntries(Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)])),
    headline: editable.headline,
  },
  { additionalProperties: false },
);
export type CreateArticleInput = Static<typeof CreateArticleBody> & Partial<ArticleFieldsInput>;

export const UpdateArticleBody = Type.Object(
  {
    revision: Type.Integer({ minimum: 1, description: 'The revision this change is based on.' }),
    ...Object.fromEntries(Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)])),
  },
  { additionalProperties: false },
);

/** The same fields as a save, none required: what the editor has on screen, saved or not (the preview). */
export const ArticleFieldsBody = Type.Object(
  Object.fromEntries(Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)])),
  { additionalProperties: false },
);

/** Typed view of the editable fields, as the service receives them. */
export interface ArticleFieldsInput {
  headline: string;
  dek: string;
  dateline: string;
  slug: string;
  body: Record<string, unknown>;
  bodyMarkdown: string;
  section: string | null;
  tags: string[];
  authorIds: string[];
  bylineSuffix: string;
  access: (typeof ARTICLE_ACCESS)[number];
  seoHeadline: string;
  seoDescription: string;
  leadImage: { mediaId: string; caption?: string; credit?: string; alt?: string } | null;
  embargoUntil: string | null;
}

export const WorkflowBody = Type.Object(
  {
    revision: Type.Integer({ minimum: 1 }),
    /** Only for schedule: when to publish (ISO 8601, in the future). */
    at: Type.Optional(Time),
    /**
     * Publish or schedule although a photo lacks its credit or alt text: editors only, and the reason
     * is kept in the revision history.
     */
    overrideReason: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })),
    /**
     * Publish, schedule or update although the text has open suggestions (409 SUGGESTIONS_OPEN otherwise):
     * readers get it as if each were rejected, and they stay open in the newsroom's working copy.
     */
    openSuggestions: Type.Optional(Type.Literal('leave-out')),
  },
  { additionalProperties: false },
);

export const SuggestionVerdictBody = Type.Object(
  {
    revision: Type.Integer({ minimum: 1 }),
    /** The suggestions to accept or reject; all the open ones when left out. */
    ids: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 1000 }),
    ),
  },
  { additionalProperties: false },
);

export const SuggestionListOut = Type.Object({
  revision: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Union([Type.Literal('insertion'), Type.Literal('deletion')]),
      staffId: Type.String(),
      at: Type.String(),
      text: Type.String(),
    }),
  ),
});

export const CorrectionBody = Type.Object(
  {
    kind: Type.Union(CORRECTION_KINDS.map((k) => Type.Literal(k))),
    text: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Id });
export const DeleteQuery = Type.Object(
  { revision: Type.Integer({ minimum: 1, description: 'The revision the deleting editor saw.' }) },
  { additionalProperties: false },
);
export const RevisionParams = Type.Object({ id: Id, number: Type.Integer({ minimum: 1 }) });

export const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(ARTICLE_STATUSES.map((s) => Type.Literal(s)))),
    section: Type.Optional(Type.String({ maxLength: 300 })),
    author: Type.Optional(Id),
    tag: Type.Optional(Type.String({ maxLength: 300, description: 'A tag slug or id.' })),
    q: Type.Optional(
      Type.String({
        maxLength: LIST_TEXT_MAX,
        description: 'Text in the headline, dek, slug or body, ignoring case (drafts too).',
      }),
    ),
    sort: Type.Optional(
      Type.Union(
        ARTICLE_SORTS.map((s) => Type.Literal(s)),
        { default: 'updated', description: ARTICLE_SORT_HELP },
      ),
    ),
    // A headline order's cursor carries the headline (up to 300 characters, base64 of UTF-8 JSON).
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

const AuthorRef = Type.Object({ id: Id, name: Type.String(), slug: Type.String() });
const SectionRef = Type.Union([
  Type.Object({ id: Id, name: Type.String(), path: Type.String() }),
  Type.Null(),
]);

export const CorrectionOut = Type.Object({
  id: Id,
  kind: Type.String(),
  text: Type.String(),
  publishedAt: Time,
  by: Type.String(),
});

export const CorrectionLogQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const CorrectionLogOut = Type.Object({
  items: Type.Array(
    Type.Object({
      ...CorrectionOut.properties,
      article: Type.Object({ id: Id, headline: Type.String(), slug: Type.String(), status: Type.String() }),
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ArticleSummaryOut = Type.Object({
  id: Id,
  slug: Type.String(),
  status: Type.String(),
  headline: Type.String(),
  dek: Type.String(),
  section: SectionRef,
  authors: Type.Array(AuthorRef),
  revision: Type.Integer(),
  savedAt: Time,
  publishedAt: NullableTime,
  scheduledAt: NullableTime,
  /** A live article's saved edits are staged: not live until Update (GET /articles/:id shows them). */
  staged: Type.Boolean(),
  embargoUntil: NullableTime,
});

export const ArticleOut = Type.Object({
  ...ArticleSummaryOut.properties,
  dateline: Type.String(),
  body: Type.Object({}, { additionalProperties: true }),
  access: Type.String(),
  tags: Type.Array(Type.Object({ id: Id, name: Type.String(), slug: Type.String() })),
  bylineSuffix: Type.String(),
  seoHeadline: Type.String(),
  seoDescription: Type.String(),
  leadImage: Type.Union([
    Type.Null(),
    Type.Object({ mediaId: Id, caption: Type.String(), credit: Type.String(), alt: Type.String() }),
  ]),
  wordCount: Type.Integer(),
  readingMinutes: Type.Integer(),
  createdAt: Time,
  firstPublishedAt: NullableTime,
  modifiedAt: NullableTime,
  unpublishedAt: NullableTime,
  previousSlugs: Type.Array(Type.String()),
  corrections: Type.Array(CorrectionOut),
  /** The revision readers see; null while the article is not published. */
  liveRevision: Type.Union([Type.Integer(), Type.Null()]),
});

export const ArticleListOut = Type.Object({
  items: Type.Array(ArticleSummaryOut),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const RevisionSummaryOut = Type.Object({
  number: Type.Integer(),
  note: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  status: Type.String(),
  changed: Type.Array(Type.String()),
  by: Type.String(),
  createdAt: Time,
});

export const RevisionOut = Type.Object({
  ...RevisionSummaryOut.properties,
  snapshot: Type.Object({}, { additionalProperties: true }),
  /** What this revision changed against the one before it. */
  diff: Type.Array(Type.Object({}, { additionalProperties: true })),
});
