import type { ComponentChildren } from 'preact';
import { type NavigationLink, navigationLinks, type Settings } from '../settings/index.js';
import { formatYear } from './dates.js';
import { serializeJsonLd } from './json-ld.js';
import { SITE_CSS } from './site-styles.js';
import { accountPath, legalPath, searchPath } from './urls.js';

/** Open Graph for a page; Twitter card tags are derived from it (summary_large_image when there is an image). */
export interface OpenGraph {
  type: 'website' | 'article' | 'profile';
  title: string;
  description?: string;
  /** Absolute. */
  url: string;
  image?: { url: string; alt?: string; width?: number; height?: number } | null;
  /** The `article:*` properties, for `type: 'article'`. */
  article?: {
    publishedTime?: string | null;
    modifiedTime?: string | null;
    section?: string | null;
    tags?: string[];
  };
}

/** What crawlers and other programs read in `<head>`; every field optional so simple pages pass none. */
export interface HeadProps {
  /** Absolute URL of the page's one true address. */
  canonical?: string;
  /** `robots` meta; defaults to allowing large image previews. Error pages pass "noindex". */
  robots?: string;
  og?: OpenGraph;
  /** One JSON-LD object or several; serialized with `<` escaped, never from raw text. */
  jsonLd?: object | object[];
  /** Absolute or site paths of the neighbouring pages of a paginated list (rel=prev/next). */
  prevUrl?: string | null;
  nextUrl?: string | null;
  /** Other forms of this page (oEmbed), as `<link rel="alternate">`. */
  alternates?: { type: string; href: string; title?: string }[];
}

export interface LayoutProps extends HeadProps {
  settings: Settings;
  /** The page's own title; the publication name is added after it. */
  title?: string;
  description?: string;
  /** Used for the copyright year, in the publication's time zone. */
  now: Date;
  /** A wider main column for pages of cards (home, sections); reading pages keep a readable measure. */
  wide?: boolean;
  /**
   * Rules only one kind of page needs (the account pages), appended to the site stylesheet, so they do
   * not weigh on every article page. A constant from the code, never text that staff or readers typed.
   */
  styles?: string;
  children: ComponentChildren;
}

export const DEFAULT_ROBOTS = 'max-image-preview:large';

/** `blocking` is newer than Preact's types; Chromium honours it, other browsers ignore it. */
const RENDER_BLOCKING: Record<string, string> = { blocking: 'render' };

/** The frame of every reader page: head tags, masthead, main landmark, footer with the legal lines. */
export function Layout(props: LayoutProps) {
  const { settings, title, now, wide, children } = props;
  const name = settings['publication.name'];
  const fullTitle = title ? `${title} - ${name}` : name;
  const summary = props.description || settings['publication.description'];
  return (
    <html lang={settings['publication.locale']}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {/* No icon file to fetch: a browser's guess at /favicon.ico would be a 404 on every first visit. */}
        <link rel="icon" href="data:," />
        {summary ? <meta name="description" content={summary} /> : null}
        <meta name="robots" content={props.robots ?? DEFAULT_ROBOTS} />
        {props.canonical ? <link rel="canonical" href={props.canonical} /> : null}
        {props.prevUrl ? <link rel="prev" href={props.prevUrl} /> : null}
        {props.nextUrl ? <link rel="next" href={props.nextUrl} /> : null}
        {/* The site's feeds, so feed readers find them from any page (paths as in urls.ts). */}
        <link rel="alternate" type="application/rss+xml" title={`${name} (RSS)`} href="/feed.xml" />
        <link rel="alternate" type="application/atom+xml" title={`${name} (Atom)`} href="/feed.atom" />
        <link rel="alternate" type="application/feed+json" title={`${name} (JSON Feed)`} href="/feed.json" />
        {(props.alternates ?? []).map((a) => (
          <link key={a.href} rel="alternate" type={a.type} href={a.href} title={a.title} />
        ))}
        {props.og ? (
          <SocialTags og={props.og} siteName={name} locale={settings['publication.locale']} />
        ) : null}
        <style dangerouslySetInnerHTML={{ __html: props.styles ? SITE_CSS + props.styles : SITE_CSS }} />
        {/* No first paint before the masthead is whole: painted while still arriving, its right-aligned
            links and centred sections would move as the next one came in (layout shift). */}
        <link rel="expect" href="#content" {...RENDER_BLOCKING} />
        {props.jsonLd ? (
          <script
            type="application/ld+json"
            dangerouslySetInnerHTML={{ __html: serializeJsonLd(props.jsonLd) }}
          />
        ) : null}
      </head>
      <body class={wide ? 'wide-page' : undefined}>
        <a class="skip" href="#content">
          Skip to content
        </a>
        <Masthead settings={settings} />
        <main id="content" class={wide ? 'wrap wide' : 'wrap'}>
          {children}
        </main>
        <Footer settings={settings} now={now} />
      </body>
    </html>
  );
}

function SocialTags({ og, siteName, locale }: { og: OpenGraph; siteName: string; locale: string }) {
  const image = og.image ?? null;
  const article = og.type === 'article' ? og.article : undefined;
  return (
    <>
      <meta property="og:type" content={og.type} />
      <meta property="og:site_name" content={siteName} />
      <meta property="og:locale" content={locale.replace('-', '_')} />
      <meta property="og:title" content={og.title} />
      {og.description ? <meta property="og:description" content={og.description} /> : null}
      <meta property="og:url" content={og.url} />
      {image ? <meta property="og:image" content={image.url} /> : null}
      {image?.alt ? <meta property="og:image:alt" content={image.alt} /> : null}
      {image?.width ? <meta property="og:image:width" content={String(image.width)} /> : null}
      {image?.height ? <meta property="og:image:height" content={String(image.height)} /> : null}
      {article?.publishedTime ? (
        <meta property="article:published_time" content={article.publishedTime} />
      ) : null}
      {article?.modifiedTime ? (
        <meta property="article:modified_time" content={article.modifiedTime} />
      ) : null}
      {article?.section ? <meta property="article:section" content={article.section} /> : null}
      {(article?.tags ?? []).map((tag) => (
        <meta key={tag} property="article:tag" content={tag} />
      ))}
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={og.title} />
      {og.description ? <meta name="twitter:description" content={og.description} /> : null}
      {image ? <meta name="twitter:image" content={image.url} /> : null}
      {image?.alt ? <meta name="twitter:image:alt" content={image.alt} /> : null}
    </>
  );
}

/**
 * The masthead: search and the account links, the paper's name or logo, and the primary navigation
 * from the `navigation.primary` setting (ADR 0019). The same markup for every reader, since pages
 * are cached and shared. On a phone the navigation is one row that scrolls sideways: every link is
 * a link in a list, reachable by keyboard and read as a list, with no script.
 */
function Masthead({ settings }: { settings: Settings }) {
  const name = settings['publication.name'];
  const links = navigationLinks(settings['navigation.primary']);
  return (
    <header class="masthead">
      <div class="wrap">
        {/* Before the name, where it is seen first on a phone and reached first by keyboard. */}
        <ul class="masthead-links">
          <li>
            <a href={searchPath()}>Search</a>
          </li>
          <li>
            <a href={`${accountPath()}/sign-in`}>Sign in</a>
          </li>
          <li>
            <a href={accountPath()}>Account</a>
          </li>
        </ul>
        <a class="masthead-home" href="/">
          {settings['publication.logo'] ? (
            <img src={settings['publication.logo']} alt={name} height={48} />
          ) : (
            <span class="name">{name}</span>
          )}
        </a>
      </div>
      {links.length > 0 ? (
        <nav class="site-nav" aria-label="Sections">
          <NavList links={links} />
        </nav>
      ) : null}
    </header>
  );
}

function NavList({ links }: { links: readonly NavigationLink[] }) {
  return (
    <ul>
      {links.map((link, i) => (
        <li key={`${i}-${link.href}`}>
          <a href={link.href}>{link.label}</a>
        </li>
      ))}
    </ul>
  );
}

function Footer({ settings, now }: { settings: Settings; now: Date }) {
  const year = formatYear(now, settings);
  const name = settings['publication.name'];
  const holder = settings['publication.copyright_holder'] || name;
  // The sections again, then the paper's own links (about, contact...), then what every paper has.
  const links = [
    ...navigationLinks(settings['navigation.primary']),
    ...navigationLinks(settings['navigation.footer']),
    { label: 'Search', href: searchPath() },
    { label: 'RSS', href: '/feed.xml' },
  ];
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p class="footer-name">{name}</p>
        <nav class="footer-nav" aria-label="Site">
          <NavList links={links} />
        </nav>
        <p>
          © {year} {holder}. All rights reserved.
        </p>
        <p>
          Use of this site constitutes acceptance of our <a href={legalPath('terms')}>Terms of Use</a> and{' '}
          <a href={legalPath('privacy')}>Privacy Policy</a>.
        </p>
        {settings['publication.footer_notice'] ? (
          <p class="reproduction">{settings['publication.footer_notice']}</p>
        ) : null}
      </div>
    </footer>
  );
}
