import { renderToString } from 'preact-render-to-string';
import { type Static, Type } from 'typebox';
import type { Embed } from './crawler-service.js';

/** The oEmbed 1.0 answer (https://oembed.com, section 2.3.4) for type "rich". */
export const OembedJson = Type.Object({
  version: Type.Literal('1.0'),
  type: Type.Literal('rich'),
  title: Type.String(),
  author_name: Type.Optional(Type.String()),
  author_url: Type.Optional(Type.String()),
  provider_name: Type.String(),
  provider_url: Type.String(),
  cache_age: Type.Integer(),
  html: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
});
export type OembedJson = Static<typeof OembedJson>;

/** The card's size when the consumer sets no limit; a text card reflows within whatever it is given. */
const DEFAULT_WIDTH = 550;
const DEFAULT_HEIGHT = 250;
/** Consumers may keep the answer an hour; a correction changes only what the article page shows. */
const CACHE_AGE_SECONDS = 3600;

export function presentOembed(embed: Embed, limits: { maxwidth?: number; maxheight?: number }): OembedJson {
  const [firstAuthor] = embed.authors;
  return {
    version: '1.0',
    type: 'rich',
    title: embed.headline,
    ...(firstAuthor
      ? { author_name: embed.authors.map((a) => a.name).join(', '), author_url: firstAuthor.url }
      : {}),
    provider_name: embed.publication.name,
    provider_url: embed.publication.url,
    cache_age: CACHE_AGE_SECONDS,
    // Rendered by Preact, so every headline, dek and name is escaped; no script is needed to show it.
    html: renderToString(<Card embed={embed} />),
    width: Math.min(DEFAULT_WIDTH, limits.maxwidth ?? DEFAULT_WIDTH),
    height: Math.min(DEFAULT_HEIGHT, limits.maxheight ?? DEFAULT_HEIGHT),
  };
}

function Card({ embed }: { embed: Embed }) {
  return (
    <blockquote class="masthead-embed" cite={embed.url} lang={embed.publication.locale}>
      <p>
        <a href={embed.url}>{embed.headline}</a>
      </p>
      {embed.dek ? <p>{embed.dek}</p> : null}
      <footer>
        {embed.authors.length ? `By ${embed.authors.map((a) => a.name).join(', ')}, ` : null}
        <cite>
          <a href={embed.publication.url}>{embed.publication.name}</a>
        </cite>
      </footer>
    </blockquote>
  );
}
