import { createHash } from 'node:crypto';
import { contentSecurityPolicy } from '../../platform/http/security-headers.js';

/**
 * The Web Share API as progressive enhancement (issue 14): the share links work as plain HTML for
 * every reader; where the browser can hand the article to the phone's own share sheet
 * (`navigator.share`), this shows the "Share…" button the page carries hidden after the links.
 *
 * Inline on purpose, allowed by its hash and nothing else (ADR 0020): no request to make, nothing
 * to cache, and it runs the moment the parser reaches it, before anything under the links is laid
 * out, so showing the button, last in the list, moves nothing a reader has seen (no layout shift).
 * It reads the address and headline from the button's data attributes, so the text never changes
 * and neither does its hash. A reader who closes the share sheet rejects the promise: not an error.
 */
export const SHARE_SCRIPT =
  "(function(s){var i=s&&s.querySelector('.share-native');if(!i||typeof navigator.share!=='function')return;" +
  "i.hidden=false;i.firstChild.addEventListener('click',function(){var d=this.dataset;" +
  'navigator.share({title:d.title,url:d.url}).catch(function(){})})})(document.currentScript.previousElementSibling)';

const SHARE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(SHARE_SCRIPT).digest('base64')}'`;

/** The article page's policy: the site's, with this one script allowed by its hash. */
export const ARTICLE_PAGE_POLICY = contentSecurityPolicy(SHARE_SCRIPT_HASH);
