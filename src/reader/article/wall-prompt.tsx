import type { ArticleAccess } from '../../capabilities/articles/index.js';
import { legalPath } from '../../capabilities/site/index.js';
import { meterResetDate, withReturn } from '../../capabilities/wall/index.js';

export interface WallPromptProps {
  access: ArticleAccess;
  /** Free metered articles a month (`wall.free_articles_per_month`). */
  freeArticlesPerMonth: number;
  /** The paper's month ("YYYYMM") a metered article was cut in; null for a registration-only one. */
  month: string | null;
  /** The article's address: sign-up and sign-in bring the reader back to it. */
  path: string;
  /** `publication.locale`, for the day the free articles start again. */
  locale: string;
}

/**
 * What a reader sees where the body stops: that the story continues, why it stops here, and the
 * way on. Shared by every anonymous reader who gets this version of the page (ADR 0020): a metered
 * article is cut only for a reader who has read the month's N free articles, so "N of N" is true
 * for each of them, and the version is cut per month, so the day the count starts again is too.
 * The legal links name the current versions, which sign-up records as accepted.
 */
export function WallPrompt({ access, freeArticlesPerMonth, month, path, locale }: WallPromptProps) {
  const n = freeArticlesPerMonth;
  return (
    <section class="wall-prompt" aria-labelledby="wall-heading">
      <p class="wall-continues">The story continues</p>
      <h2 id="wall-heading">Sign in or create a free account</h2>
      {access === 'registration' ? (
        <p>This article is for registered readers.</p>
      ) : (
        <p class="wall-count">
          You have read {n} of {n} free {n === 1 ? 'article' : 'articles'} this month.
          {month ? ` Your free articles start again on ${resetDay(month, locale)}.` : null} Create a free
          account to keep reading.
        </p>
      )}
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

/** "January 1" (en-US), "1 January" (en-GB): a calendar day of the paper, so no time zone shifts it. */
function resetDay(month: string, locale: string): string {
  const day = new Date(`${meterResetDate(month)}T00:00:00Z`);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(day);
}
