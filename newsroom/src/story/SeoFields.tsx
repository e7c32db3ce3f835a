import { FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';

/** Search engines cut titles near 60 characters and descriptions near 155; social cards a little later. */
const LIMITS = { seoHeadline: 60, seoDescription: 155 } as const;

type SeoName = keyof typeof LIMITS;

/**
 * The headline and description that search engines and social cards show, each with a count against what
 * they display, and a preview of the search result with what is filled in (the headline and dek otherwise).
 */
export function SeoFields(props: {
  values: Record<SeoName | 'headline' | 'dek' | 'slug', string>;
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
        <figure className="search-preview" aria-label="Search result preview">
          <p className="url">
            {window.location.host} › {values.slug || 'article'}
          </p>
          <p className="title">{cut(title, LIMITS.seoHeadline)}</p>
          <p className="description">{cut(description, LIMITS.seoDescription)}</p>
        </figure>
      </div>
    </details>
  );
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1).trimEnd()}…` : text;
}
