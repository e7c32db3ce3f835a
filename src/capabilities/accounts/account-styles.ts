/**
 * What the account pages need beyond the site's form styles (.field, .hint, .field-error,
 * .form-error, .choice, .button*, .notice and .visually-hidden are in SITE_CSS). The account pages
 * pass it to the Layout's `styles`, so article pages do not carry it.
 */
export const ACCOUNT_CSS = [
  // The honeypot also carries these inline, so it stays hidden where this sheet is missing.
  '.form-trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}',
  '.account section{border-top:1px solid var(--rule);margin-top:2rem}',
  '.account section>h2{margin-top:1rem}',
  '.account form{margin:0 0 1rem}',
  '.form-aside{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:.95rem}',
  '.button-form{display:inline-block;margin:0 .5rem .75rem 0}',
  '.sessions{list-style:none;margin:0;padding:0}',
  '.sessions li{border-bottom:1px solid var(--rule);padding:.5rem 0}',
  '.sessions p{margin:0 0 .5rem;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:.95rem}',
].join('');
