/**
 * The reader site's one stylesheet, inlined into every page: a page needs no second request to
 * look right. System fonts, readable measure, dark mode and print from the same rules.
 */
export const SITE_CSS = `
:root{--ink:#1a1a1a;--paper:#fff;--muted:#555;--rule:#d9d9d9;--link:#0b57a4;--accent:#a3160e;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--ink:#ececec;--paper:#121212;--muted:#b3b3b3;--rule:#3a3a3a;--link:#8ab8f0;--accent:#ff8a80}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:1.0625rem/1.6 Georgia,"Times New Roman",serif}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--paper);padding:.5rem 1rem}
.skip:focus{left:.5rem}
.wrap{max-width:44rem;margin:0 auto;padding:0 1rem}
.masthead{border-bottom:1px solid var(--rule);text-align:center;padding:1rem 0 .75rem}
.masthead a{color:inherit;text-decoration:none}
.masthead .name{font:700 clamp(1.6rem,6vw,2.6rem)/1.1 Georgia,serif;letter-spacing:-.01em;margin:0}
.masthead img{max-height:3rem;width:auto}
main{padding:1.5rem 0 3rem}
h1,h2,h3{line-height:1.2}
.notice{border:1px solid var(--rule);padding:1rem 1.25rem;border-radius:4px}
.site-footer{border-top:1px solid var(--rule);color:var(--muted);font:.875rem/1.5 system-ui,sans-serif;padding:1.5rem 0 2rem}
.site-footer p{margin:.25rem 0}
.sans{font-family:system-ui,sans-serif}
@media print{.skip,.site-footer nav{display:none}body{font-size:11pt;color:#000;background:#fff}a{color:#000}}
`
  .trim()
  .replace(/\n/g, '');
