import type { VNode } from 'preact';

interface MailFrameProps {
  publicationName: string;
  locale: string;
  siteUrl: string;
  subject: string;
  /** Markup from our own mail templates (trusted); everything else here is text and escaped by Preact. */
  html: string;
}

const TEXT = '#1a1a1a';
const QUIET = '#4a4a4a';

/**
 * The publication's frame around a message's HTML fragment. Styles are inline because most mail
 * programs drop <style> blocks; colours keep at least 7:1 contrast on white. `role="article"` with a
 * label lets screen readers in webmail announce where the message starts and what it is.
 */
export function MailFrame(props: MailFrameProps): VNode {
  const host = new URL(props.siteUrl).host;
  return (
    <html lang={props.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{props.subject}</title>
      </head>
      <body style="margin:0;padding:0;background:#ffffff;">
        {/* biome-ignore lint/a11y/useSemanticElements: several mail programs drop or rename <article>; a div with the role survives them (the Email Markup Consortium's pattern) */}
        <div
          role="article"
          aria-roledescription="email"
          aria-label={props.subject}
          lang={props.locale}
          style={`max-width:560px;margin:0 auto;padding:24px 16px;font-family:Georgia,'Times New Roman',serif;font-size:17px;line-height:1.5;color:${TEXT};`}
        >
          <p
            style={`margin:0 0 24px;padding-bottom:8px;border-bottom:2px solid ${TEXT};font-size:24px;font-weight:bold;`}
          >
            <a href={props.siteUrl} style={`color:${TEXT};text-decoration:none;`}>
              {props.publicationName}
            </a>
          </p>
          <div dangerouslySetInnerHTML={{ __html: props.html }} />
          <p
            style={`margin:32px 0 0;padding-top:8px;border-top:1px solid #d0d0d0;font-size:14px;color:${QUIET};`}
          >
            {props.publicationName} ·{' '}
            <a href={props.siteUrl} style={`color:${QUIET};`}>
              {host}
            </a>
          </p>
        </div>
      </body>
    </html>
  );
}
