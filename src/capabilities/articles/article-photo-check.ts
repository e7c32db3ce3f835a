import type { Db } from '../../platform/database/database.js';
import { findMediaById } from '../media/index.js';
import type { Article } from './article-queries.js';

export interface PhotoProblem {
  /** Which image, in words an editor recognises: "the lead photo", "image 2 in the body (harbour.jpg)". */
  image: string;
  /** The field to fix: leadImage, or the body image's path. */
  field: string;
  missing: ('credit' | 'alt text')[];
}

/**
 * A newspaper does not run a photo without its credit, nor without alt text for readers who cannot
 * see it. Checks the lead photo and every image in the body, each with the article's own override
 * first and the photo's library record second.
 */
export async function checkPhotoCredits(db: Db, article: Article): Promise<PhotoProblem[]> {
  const problems: PhotoProblem[] = [];
  if (article.leadImage) {
    const media = await findMediaById(db, article.leadImage.mediaId);
    const missing = missingOf(
      article.leadImage.credit || media?.credit || '',
      article.leadImage.alt || media?.altText || '',
    );
    if (missing.length) problems.push({ image: 'the lead photo', field: 'leadImage', missing });
  }
  let n = 0;
  for (const [index, node] of (article.body.content ?? []).entries()) {
    if (node.type !== 'image') continue;
    n++;
    const attrs = node.attrs as { mediaId: string | null; src: string | null; alt: string; credit: string };
    const media = attrs.mediaId ? await findMediaById(db, attrs.mediaId) : undefined;
    const missing = missingOf(attrs.credit || media?.credit || '', attrs.alt || media?.altText || '');
    if (missing.length) {
      const name = attrs.src ? ` (${attrs.src.split('/').pop()})` : '';
      problems.push({ image: `image ${n} in the body${name}`, field: `body.content[${index}]`, missing });
    }
  }
  return problems;
}

function missingOf(credit: string, alt: string): PhotoProblem['missing'] {
  const missing: PhotoProblem['missing'] = [];
  if (credit.trim() === '') missing.push('credit');
  if (alt.trim() === '') missing.push('alt text');
  return missing;
}

export function describePhotoProblems(problems: PhotoProblem[]): string {
  return problems.map((p) => `${p.image} has no ${p.missing.join(' and no ')}`).join('; ');
}
