import { SHARE_SCRIPT } from './share-button.js';

/**
 * Share links under the byline: mail and the main networks as plain links to their own share
 * addresses, and the article's address to copy. No third-party script: everything here works as
 * HTML, and "Copy link" opens a field holding the address, selected by a tap or a click into it.
 * Last comes a "Share…" button, hidden, that the script after the list shows where the browser
 * has the Web Share API (share-button.ts); without script it stays hidden.
 */
export function ShareLinks({ url, headline }: { url: string; headline: string }) {
  const u = encodeURIComponent(url);
  const text = encodeURIComponent(headline);
  const both = encodeURIComponent(`${headline} ${url}`);
  const networks: [string, string][] = [
    ['Email', `mailto:?subject=${text}&body=${u}`],
    ['X', `https://x.com/intent/post?url=${u}&text=${text}`],
    ['Facebook', `https://www.facebook.com/sharer/sharer.php?u=${u}`],
    ['LinkedIn', `https://www.linkedin.com/sharing/share-offsite/?url=${u}`],
    ['WhatsApp', `https://wa.me/?text=${both}`],
    ['Bluesky', `https://bsky.app/intent/compose?text=${both}`],
  ];
  return (
    <div class="share sans">
      <h2 class="visually-hidden" id="share-heading">
        Share this article
      </h2>
      <ul aria-labelledby="share-heading">
        {networks.map(([name, href]) => (
          <li key={name}>
            {/* Where a reader came from is none of the network's business. */}
            <a href={href} rel="noreferrer">
              {name}
            </a>
          </li>
        ))}
        <li>
          <details class="share-copy">
            <summary>Copy link</summary>
            <input type="url" value={url} readOnly aria-label="Link to this article" />
          </details>
        </li>
        <li class="share-native" hidden>
          <button type="button" data-url={url} data-title={headline}>
            Share…
          </button>
        </li>
      </ul>
      {/* A constant of ours, allowed by its hash (share-button.ts): never text from the article. */}
      <script dangerouslySetInnerHTML={{ __html: SHARE_SCRIPT }} />
    </div>
  );
}
