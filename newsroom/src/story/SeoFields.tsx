import { FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';
import type { LeadImage } from '../api/types';
import { photoUrl } from '../photos/photo-files';
import { useMedia } from '../photos/photo-queries';

/** Search engines cut titles near 60 characters and descriptions near 155; social cards a little later. */
const LIMITS = { seoHeadline: 60, seoDescription: 155 } as const;

type SeoName = keyof typeof LIMITS;

/**
 * The headline and description that search engines and social cards show, each with a count against what
 * they display, and previews of the search result and of the social card with what is filled in (the
 * headline and dek otherwise).
 */
export function SeoFields(props: {
  values: Record<SeoName | 'headline' | 'dek' | 'slug', string>;
  leadImage: LeadImage | null;
  onChange(change: Partial<Record<SeoName, string>>): void;
  errors: Partial<Record<SeoName, string>>;
}) {
  const { values } = props;
  const title = values.seoHeadline || values.headline;
  const description = values.seoDescription || values.dek;
  const field = (name: SeoName, label: string, multiline: boolean) => {
    const length = values[name].length;
    const over = length > LIMITS[name];
    return (
      <TextField
        className="field"
        value={values[name]}
        onChange={(value) => props.onChange({ [name]: value })}
        isInvalid={Boolean(props.errors[name])}
      >
        <Label>{label}</Label>
        {multiline ? <TextArea rows={2} /> : <Input />}
        <Text slot="description" className={over ? 'counter over' : 'counter'}>
          {length} of {LIMITS[name]} characters{over ? ' — search results will cut it' : ''}
        </Text>
        <FieldError>{props.errors[name]}</FieldError>
      </TextField>
    );
  };
  return (
    <details className="seo-fields">
      <summary>Search and social</summary>
      <div className="seo-grid">
        <div>
          {field('seoHeadline', 'Search and social headline', false)}
          {field('seoDescription', 'Search and social description', true)}
        </div>
        <div className="seo-previews">
          <figure className="search-preview" aria-label="Search result preview">
            <p className="url">
              {window.location.host} › {values.slug || 'article'}
            </p>
            <p className="title">{cut(title, LIMITS.seoHeadline)}</p>
            <p className="description">{cut(description, LIMITS.seoDescription)}</p>
          </figure>
          <SocialCard title={title} description={description} leadImage={props.leadImage} />
        </div>
      </div>
    </details>
  );
}

/** Social networks show a title up to about 70 characters and two lines of description. */
const CARD_LIMITS = { title: 70, description: 110 } as const;

/**
 * What a share on a social network shows, from the page's Open Graph tags: the lead photo (og:image, the
 * page's fallback JPEG, which networks crop to 1.91:1 about its centre), the site's host, the title and
 * the description. Without a lead photo the card is the small kind, with no image.
 */
function SocialCard(props: { title: string; description: string; leadImage: LeadImage | null }) {
  const media = useMedia(props.leadImage?.mediaId ?? null);
  const image = media.data ? photoUrl(media.data, 960) : null;
  return (
    <figure className={image ? 'social-preview large' : 'social-preview'} aria-label="Social card preview">
      {image ? (
        <img src={image} alt={props.leadImage?.alt ?? ''} />
      ) : (
        <p className="no-image">{props.leadImage ? 'Loading the photo…' : 'No lead photo: a small card'}</p>
      )}
      <div className="card-text">
        <p className="host">{window.location.host.toUpperCase()}</p>
        <p className="title">{cut(props.title, CARD_LIMITS.title)}</p>
        <p className="description">{cut(props.description, CARD_LIMITS.description)}</p>
      </div>
    </figure>
  );
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1).trimEnd()}…` : text;
}
