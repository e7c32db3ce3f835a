import type { ComponentChildren } from 'preact';
import type { Settings } from '../settings/index.js';
import { SITE_CSS } from './site-styles.js';

export interface LayoutProps {
  settings: Settings;
  /** The page's own title; the publication name is added after it. */
  title?: string;
  description?: string;
  /** Used for the copyright year, in the publication's time zone. */
  now: Date;
  children: ComponentChildren;
}

/** The frame of every reader page: masthead, main landmark, footer with the legal lines from settings. */
export function Layout({ settings, title, description, now, children }: LayoutProps) {
  const name = settings['publication.name'];
  const fullTitle = title ? `${title} - ${name}` : name;
  const summary = description ?? settings['publication.description'];
  return (
    <html lang={settings['publication.locale']}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {summary ? <meta name="description" content={summary} /> : null}
        <style dangerouslySetInnerHTML={{ __html: SITE_CSS }} />
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to content
        </a>
        <header class="masthead">
          <div class="wrap">
            <a href="/">
              {settings['publication.logo'] ? (
                <img src={settings['publication.logo']} alt={name} />
              ) : (
                <p class="name">{name}</p>
              )}
            </a>
          </div>
        </header>
        <main id="content" class="wrap">
          {children}
        </main>
        <Footer settings={settings} now={now} />
      </body>
    </html>
  );
}

function Footer({ settings, now }: { settings: Settings; now: Date }) {
  const year = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    timeZone: settings['publication.timezone'],
  }).format(now);
  const holder = settings['publication.copyright_holder'] || settings['publication.name'];
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>
          © {year} {holder}. All rights reserved.
        </p>
        {settings['publication.footer_notice'] ? <p>{settings['publication.footer_notice']}</p> : null}
      </div>
    </footer>
  );
}
