import { Button, Input, Label, TextField } from 'react-aria-components';
import { Problem } from '../shell/Problem';

export interface AuthorLink {
  label: string;
  url: string;
}

/** What is wrong with the links as typed, in the server's words (it checks them again), or null. */
export function linkProblem(links: readonly AuthorLink[]): string | null {
  for (const [i, link] of links.entries()) {
    if (link.label.trim() === '') return `Link ${i + 1} needs a label.`;
    let https = false;
    try {
      https = new URL(link.url.trim()).protocol === 'https:';
    } catch {
      https = false;
    }
    if (!https) return `Link ${i + 1} ("${link.label.trim()}") is not an https address: use https://...`;
  }
  return null;
}

/** The links an author page shows, label and address, in order; at most ten. */
export function LinksField(props: {
  links: AuthorLink[];
  onChange(links: AuthorLink[]): void;
  error?: string | undefined;
}) {
  const { links, onChange } = props;
  const set = (i: number, change: Partial<AuthorLink>) =>
    onChange(links.map((link, j) => (j === i ? { ...link, ...change } : link)));
  return (
    <fieldset className="field">
      <legend className="label">Links</legend>
      {links.map((link, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; they are edited in place
        <div className="link-row" key={i}>
          <TextField className="field" value={link.label} onChange={(label) => set(i, { label })}>
            <Label>Link {i + 1} label</Label>
            <Input />
          </TextField>
          <TextField className="field" type="url" value={link.url} onChange={(url) => set(i, { url })}>
            <Label>Link {i + 1} address</Label>
            <Input placeholder="https://" />
          </TextField>
          <Button
            aria-label={`Remove link ${i + 1}`}
            onPress={() => onChange(links.filter((_, j) => j !== i))}
          >
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button isDisabled={links.length >= 10} onPress={() => onChange([...links, { label: '', url: '' }])}>
          Add link
        </Button>
      </div>
      <Problem text={props.error} className="field-error" />
    </fieldset>
  );
}
