import type { ArticleAccess } from '../../capabilities/articles/index.js';
import { legalPath } from '../../capabilities/site/index.js';
import { withReturn } from '../../capabilities/wall/index.js';

export interface WallPromptProps {
  access: ArticleAccess;
  /** Free metered articles a month (`wall.free_articles_per_month`). */
  freeArticlesPerMonth: number;
  /** The article's address: sign-up and sign-in bring the reader back to it. */
  path: string;
}

/**
 * What a reader sees where the body stops. The same for every anonymous reader of the article (no
 * count read so far, no per-reader token): the cut page is cached and shared by all of them. The
 * legal links name the current versions, which sign-up records as accepted.
 */
export function WallPrompt({ access, freeArticlesPerMonth, path }: WallPromptProps) {
  return (
    <section class="wall-prompt" aria-labelledby="wall-heading">
      <h2 id="wall-heading">Sign in or create a free account</h2>
      <p>
        {access === 'registration'
          ? 'This article is for registered readers.'
          : `You can read ${freeArticlesPerMonth} ${freeArticlesPerMonth === 1 ? 'article' : 'articles'} a month without an account. Create a free account to keep reading.`}
      </p>
      <div class="actions">
        <a class="button" href={withReturn('/account/sign-up', path)}>
          Create a free account
        </a>
        <a class="button button-secondary" href={withReturn('/account/sign-in', path)}>
          Sign in
        </a>
      </div>
      <p class="consent-line">
        By continuing you agree to our <a href={legalPath('privacy')}>Privacy Policy</a> and{' '}
        <a href={legalPath('terms')}>Terms of Use</a>.
      </p>
    </section>
  );
}
