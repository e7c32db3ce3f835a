import { previewLinks, type SettingValues } from './settings-queries';

/**
 * What readers would see with the values in the form, before saving: the masthead and its navigation,
 * the footer's lines, the registration wall's prompt and what robots.txt says to AI crawlers. It follows
 * the reader site's frame (src/capabilities/site/layout.tsx, src/reader/article/wall-prompt.tsx) in words.
 */
export function SettingsPreview({ values, year }: { values: SettingValues; year: number }) {
  const name = values['publication.name'] || 'Masthead';
  const holder = values['publication.copyright_holder'] || name;
  const primary = previewLinks(values['navigation.primary']);
  const footer = [...primary, ...previewLinks(values['navigation.footer'])];
  const n = Number(values['wall.free_articles_per_month']);
  const logo = values['publication.logo'];
  return (
    <section className="reader-preview" aria-labelledby="reader-preview-heading">
      <h2 id="reader-preview-heading">What readers see</h2>
      <div className="preview-frame">
        <h3 className="preview-label">Masthead</h3>
        <p className="preview-masthead">{logo ? <img src={logo} alt={name} height={40} /> : name}</p>
        {values['publication.description'] && (
          <p className="preview-note">{values['publication.description']}</p>
        )}
        {primary.length > 0 && (
          <ul className="preview-nav">
            {primary.map((link) => (
              <li key={`${link.label}|${link.href}`}>{link.label}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="preview-frame">
        <h3 className="preview-label">Footer</h3>
        <p className="preview-strong">{name}</p>
        {footer.length > 0 && <p>{footer.map((link) => link.label).join(' · ')} · Search · RSS</p>}
        <p>
          © {year} {holder}. All rights reserved.
        </p>
        <p>Use of this site constitutes acceptance of our Terms of Use and Privacy Policy.</p>
        {values['publication.footer_notice'] && (
          <p className="preview-note">{values['publication.footer_notice']}</p>
        )}
      </div>
      <div className="preview-frame">
        <h3 className="preview-label">Registration wall</h3>
        {Number.isInteger(n) && n > 0 ? (
          <>
            <p className="preview-strong">Sign in or create a free account</p>
            <p>
              After {n} free {n === 1 ? 'article' : 'articles'} a month, a reader reads the first{' '}
              {values['wall.open_share_percent']}% of a metered article, then: “You have read {n} of {n} free{' '}
              {n === 1 ? 'article' : 'articles'} this month. Create a free account to keep reading.”
            </p>
          </>
        ) : (
          <p>The registration wall is off: every metered article is read whole.</p>
        )}
      </div>
      <div className="preview-frame">
        <h3 className="preview-label">Crawler policy</h3>
        <p className="preview-strong">robots.txt</p>
        <p>
          {values['crawlers.ai_training'] === 'allow'
            ? 'AI crawlers are not shut out: they may take the site for training.'
            : 'AI crawlers (GPTBot, ClaudeBot, CCBot and others) are told Disallow: / for the whole site.'}
        </p>
      </div>
    </section>
  );
}
