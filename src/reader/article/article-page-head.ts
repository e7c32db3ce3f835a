import type { ArticleLeadImage } from '../../capabilities/articles/index.js';
import { oembedHref } from '../../capabilities/crawlers/index.js';
import type { Settings } from '../../capabilities/settings/index.js';
import type { HeadProps } from '../../capabilities/site/index.js';
import { absolute, articlePath, authorPath } from '../../capabilities/site/index.js';
import { articleJsonLd } from './article-jsonld.js';
import type { ReaderArticle } from './article-reader.js';

export interface ArticleHead extends HeadProps {
  title: string;
  description: string;
}

/**
 * Everything the article page says about itself in `<head>`: title, description, canonical URL,
 * Open Graph (from which the Layout derives the Twitter card) and the NewsArticle JSON-LD. One
 * function so the three never disagree on the headline, address or times.
 */
export function articleHead(
  article: ReaderArticle,
  settings: Settings,
  publicUrl: URL,
  leadImage: ArticleLeadImage | null,
): ArticleHead {
  const title = article.seoHeadline || article.headline;
  const description = article.seoDescription || article.dek;
  const url = absolute(publicUrl, articlePath(article, settings['publication.timezone']));
  const imageUrl = leadImage ? absoluteAsset(publicUrl, leadImage.src) : null;
  const logo = settings['publication.logo'];
  return {
    title,
    description,
    canonical: url,
    alternates: [{ type: 'application/json+oembed', href: oembedHref(publicUrl, url), title }],
    og: {
      type: 'article',
      title,
      description,
      url,
      image:
        leadImage && imageUrl
          ? { url: imageUrl, alt: leadImage.alt, width: leadImage.width, height: leadImage.height }
          : null,
      article: {
        publishedTime: article.firstPublishedAt,
        modifiedTime: article.modifiedAt,
        section: article.section?.name ?? null,
        tags: article.tags.map((t) => t.name),
      },
    },
    jsonLd: articleJsonLd({
      url,
      headline: article.headline,
      description,
      datePublished: article.firstPublishedAt,
      dateModified: article.modifiedAt,
      section: article.section?.name ?? null,
      tags: article.tags.map((t) => t.name),
      dateline: article.dateline,
      authors: article.authors.map((a) => ({
        name: a.name,
        url: absolute(publicUrl, authorPath(a.slug)),
        affiliation: a.affiliation,
      })),
      publisher: {
        name: settings['publication.name'],
        url: absolute(publicUrl, '/'),
        logoUrl: logo ? absoluteAsset(publicUrl, logo) : null,
      },
      access: article.access,
      freeArticlesPerMonth: settings['wall.free_articles_per_month'],
      corrections: article.corrections,
      image:
        leadImage && imageUrl
          ? {
              url: imageUrl,
              width: leadImage.width,
              height: leadImage.height,
              caption: leadImage.caption,
              creditText: leadImage.credit,
              copyrightNotice: leadImage.copyrightNotice ?? null,
              creator: leadImage.creator ?? null,
            }
          : null,
    }),
  };
}

/** Images and the logo may be stored as site paths or full addresses; crawlers need full ones. */
function absoluteAsset(publicUrl: URL, src: string): string {
  return /^https?:\/\//i.test(src) ? src : absolute(publicUrl, src);
}
