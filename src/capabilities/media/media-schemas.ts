import { Type } from 'typebox';
import { FIELD_MAX } from './media.js';

export const VariantJson = Type.Object({
  kind: Type.Union([Type.Literal('width'), Type.Literal('social')]),
  format: Type.Union([Type.Literal('avif'), Type.Literal('webp'), Type.Literal('jpeg')]),
  width: Type.Integer(),
  height: Type.Integer(),
  bytes: Type.Integer(),
  url: Type.String({ description: 'Content-hashed and immutable: cache it for a year.' }),
});

const FocalPointJson = Type.Object({
  x: Type.Number({ minimum: 0, maximum: 1, description: '0 is the left edge, 1 the right.' }),
  y: Type.Number({ minimum: 0, maximum: 1, description: '0 is the top edge, 1 the bottom.' }),
});

const mediaFields = {
  id: Type.String(),
  format: Type.String({ description: 'jpeg, png, webp, avif or gif: what the file is, from its content.' }),
  mimeType: Type.String(),
  bytes: Type.Integer(),
  width: Type.Integer({ description: 'Upright width of the original.' }),
  height: Type.Integer(),
  sha256: Type.String(),
  originalName: Type.String(),
  altText: Type.String(),
  caption: Type.String(),
  credit: Type.String({ description: 'The credit line printed with the photo.' }),
  creator: Type.String({ description: 'The photographer.' }),
  copyrightNotice: Type.String(),
  usageTerms: Type.String(),
  licenseUrl: Type.String(),
  takenAt: Type.Union([Type.String(), Type.Null()]),
  focalPoint: FocalPointJson,
  variantsStatus: Type.Union([Type.Literal('pending'), Type.Literal('ready'), Type.Literal('failed')]),
  uploadedBy: Type.Object({ staffId: Type.Union([Type.String(), Type.Null()]), name: Type.String() }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};

export const MediaUseJson = Type.Object({
  articleId: Type.String(),
  headline: Type.String(),
  slug: Type.String(),
  status: Type.String(),
  places: Type.Array(Type.Union([Type.Literal('lead'), Type.Literal('body')])),
});

export const MediaJson = Type.Object({
  ...mediaFields,
  variants: Type.Array(VariantJson),
  usedIn: Type.Array(MediaUseJson),
});

export const MediaSummaryJson = Type.Object({
  ...mediaFields,
  thumbnail: Type.Union([VariantJson, Type.Null()]),
});

export const MediaListJson = Type.Object({
  items: Type.Array(MediaSummaryJson),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const MediaListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Searches caption, credit and creator.' })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
  },
  { additionalProperties: false },
);

export const MediaParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

export const UploadHeaders = Type.Object({
  'content-type': Type.String({
    description: 'image/* or application/octet-stream; the type is read from the bytes.',
  }),
  'x-filename': Type.Optional(
    Type.String({
      maxLength: 1024,
      description: 'The file name, percent-encoded if not ASCII; shown in the library only.',
    }),
  ),
});

/** The raw image bytes; described for OpenAPI, checked by content in the service. */
export const UploadBody = Type.Unsafe<Buffer>({
  description: 'The image file itself (JPEG, PNG, WebP, AVIF or GIF).',
});

const text = (max: number) => Type.String({ maxLength: max * 2 });

export const MediaChangesBody = Type.Object(
  {
    altText: Type.Optional(text(FIELD_MAX.altText)),
    caption: Type.Optional(text(FIELD_MAX.caption)),
    credit: Type.Optional(text(FIELD_MAX.credit)),
    creator: Type.Optional(text(FIELD_MAX.creator)),
    copyrightNotice: Type.Optional(text(FIELD_MAX.copyrightNotice)),
    usageTerms: Type.Optional(text(FIELD_MAX.usageTerms)),
    licenseUrl: Type.Optional(text(FIELD_MAX.licenseUrl)),
    focalPoint: Type.Optional(FocalPointJson),
  },
  { additionalProperties: false, minProperties: 1 },
);
